#!/usr/bin/env python3
"""Instructions a callgrind profile counts inside one object file.

Usage: callgrind-own.py PROFILE OBJECT

Prints the self cost (event Ir) of every function whose object is OBJECT, summed: for
Scripts/constant-time.sh that is the ct-check binary, into which the library is linked
statically. The Swift runtime and libc are left out on purpose: their instruction counts
vary by a few instructions with addresses (memcmp over metadata-cache keys, measured to
move with the length of a file name on the command line), never with secrets, and
memcheck checks (b), (c), (f) and (h) already refuse any branch or address in them that
depends on a secret. Exits non-zero if the per-object sums do not add up to the profile's
summary line (so a misread profile cannot pass as equal counts).
"""
import os
import re
import sys


def per_object(path):
    names = {}

    def name(value):
        match = re.match(r"\((\d+)\)(?: (.*))?$", value)
        if not match:
            return value
        if match.group(2) is not None:
            names[match.group(1)] = match.group(2)
        return names.get(match.group(1), "?")

    totals, summary, obj, call_cost_next = {}, None, None, False
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        if line.startswith("summary:"):
            summary = int(line.split()[1])
        elif line.startswith("ob="):
            obj = name(line[3:])
        elif line.startswith("calls="):
            call_cost_next = True  # the next cost line is the call's inclusive cost
        elif line[0].isalpha():
            key, _, value = line.partition("=")
            if key in ("cob", "fl", "fi", "fe", "fn", "cfi", "cfl", "cfn"):
                name(value)  # keep the compressed-name table complete
        elif call_cost_next:
            call_cost_next = False
        else:
            fields = line.split()
            if len(fields) >= 2:
                totals[obj] = totals.get(obj, 0) + int(fields[-1])
    return totals, summary


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: callgrind-own.py PROFILE OBJECT")
    totals, summary = per_object(sys.argv[1])
    if summary is None or sum(totals.values()) != summary:
        sys.exit(f"callgrind-own: {sys.argv[1]}: per-object costs {sum(totals.values())} != summary {summary}")
    wanted = os.path.realpath(sys.argv[2])
    print(sum(cost for obj, cost in totals.items() if obj and os.path.realpath(obj) == wanted))


main()
