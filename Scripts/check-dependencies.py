#!/usr/bin/env python3
"""Fails unless every target of Package.swift declares exactly the package targets its Swift files
import: nothing imported undeclared (it would build only by accident of the build order), nothing
declared unused. One exception: a test target may depend on an executable it runs but cannot
import (rs256Tests runs the built `rs256`)."""
import json, os, re, subprocess, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
package = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, check=True,
                                    capture_output=True, text=True).stdout)
targets = {t["name"]: t for t in package["targets"]}
import_line = re.compile(r"^(?:@\S+\s+)*import\s+(\w+)")
failures = []
for name, target in targets.items():
    folder = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", name)
    declared = {d[k][0] for d in target["dependencies"] for k in ("byName", "target", "product") if k in d}
    imported = set()
    for directory, _, files in os.walk(os.path.join(root, folder)):
        for file in files:
            if file.endswith(".swift"):
                with open(os.path.join(directory, file), encoding="utf-8") as source:
                    imported |= {m.group(1) for m in map(import_line.match, source) if m and m.group(1) in targets}
    unused = {d for d in declared - imported
              if not (target["type"] == "test" and targets.get(d, {}).get("type") == "executable")}
    if imported - declared:
        failures.append(f"{name} imports {', '.join(sorted(imported - declared))} without declaring it")
    if unused:
        failures.append(f"{name} declares {', '.join(sorted(unused))} but imports nothing from it")
for failure in failures:
    print(f"dependencies: {failure}", file=sys.stderr)
if failures:
    sys.exit(1)
print(f"dependencies: the {len(targets)} targets of Package.swift declare exactly what they import")
