#!/usr/bin/env python3
"""Fails unless every public symbol declared in Sources/ has a documentation comment whose
first line (the summary DocC shows) is not empty.

Usage: check-doc-comments.py SYMBOLGRAPH_DIR MODULE...
Reads MODULE.symbols.json and MODULE@Other.symbols.json (extensions of other modules' types)
as `swift package dump-symbol-graph --minimum-access-level public` writes them. Symbols without
a source location in Sources/ (synthesized or inherited members) are not ours to document.
"""
import glob
import json
import os
import sys

graphs, modules = sys.argv[1], sys.argv[2:]
missing, checked = [], 0
for module in modules:
    files = [os.path.join(graphs, f"{module}.symbols.json")] + glob.glob(os.path.join(graphs, f"{module}@*.symbols.json"))
    if not os.path.exists(files[0]):
        sys.exit(f"check-doc-comments: no symbol graph for {module} in {graphs}")
    for path in files:
        for symbol in json.load(open(path))["symbols"]:
            if symbol.get("accessLevel") not in ("public", "open"):
                continue
            uri = symbol.get("location", {}).get("uri", "")
            if "/Sources/" not in uri:
                continue
            checked += 1
            lines = [line.get("text", "") for line in symbol.get("docComment", {}).get("lines", [])]
            if not lines or not lines[0].strip():
                where = f"{uri.split('/Sources/', 1)[1]}:{symbol['location']['position']['line'] + 1}"
                missing.append(f"{where}: {symbol['kind']['displayName'].lower()} {'.'.join(symbol['pathComponents'])} has no summary line")
for line in sorted(missing):
    print(line, file=sys.stderr)
if missing:
    sys.exit(f"check-doc-comments: {len(missing)} of {checked} public symbols lack a documentation comment")
print(f"check-doc-comments: all {checked} public symbols of {', '.join(modules)} have a summary line")
