#!/usr/bin/env bash
# Fails if a library module (Sources/Pure*) can reach anything but the Swift standard library and
# the sibling modules it declares in Package.swift, or if Package.swift gains a dependency. The
# product promises both (docs/portability.md). Checked:
#   - every `import` (any attributes, access level or kind; several per line) names the standard
#     library or a sibling listed in the target's dependencies in Package.swift;
#   - no `@_extern` / `@_silgen_name` declarations (they call C symbols without any import);
#   - only .swift files in Sources/Pure* (no C, C++, assembly or module maps), besides the
#     Markdown and images of each module's DocC catalog;
#   - Package.swift (as SwiftPM reads it): no package dependencies, library targets are regular
#     Swift targets with no settings (no linked libraries, unsafe flags or C settings) and depend
#     only on other Pure* targets.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE_JSON=$(swift package dump-package) python3 - <<'PY'
import json, os, re, sys

package = json.loads(os.environ["PACKAGE_JSON"])
standard = {"Swift", "_Concurrency", "_StringProcessing", "Synchronization"}
problems = []

if package.get("dependencies"):
    problems.append(f"Package.swift declares {len(package['dependencies'])} package dependencies; the library promises none")

targets = {t["name"]: t for t in package["targets"]}
libraries = sorted(n for n, t in targets.items() if n.startswith("Pure") and t["type"] != "test")
for name in libraries:
    t = targets[name]
    if t["type"] != "regular":
        problems.append(f"{name}: target type is {t['type']}, expected a regular Swift target")
    if t.get("settings"):
        problems.append(f"{name}: has build settings {t['settings']} (linked libraries, flags or C settings are not allowed)")

declared = {}
for name in libraries:
    deps = set()
    for d in targets[name]["dependencies"]:
        kind, value = next(iter(d.items()))
        if kind in ("byName", "target") and value[0] in libraries:
            deps.add(value[0])
        else:
            problems.append(f"{name}: depends on {kind} {value[0]!r}; library modules depend only on Pure* targets")
    declared[name] = deps

attributes = r"(?:@\w+(?:\([^)]*\))?\s+)*"
access = r"(?:(?:public|package|internal|private|fileprivate)\s+)?"
kinds = r"(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?"
import_re = re.compile(r"^\s*" + attributes + access + r"import\s+" + kinds + r"([A-Za-z_]\w*)")
extern_re = re.compile(r"@(_extern|_silgen_name)\b")

for name in libraries:
    folder = os.path.join("Sources", name)
    if not os.path.isdir(folder):
        continue
    for root, _, files in os.walk(folder):
        for file in sorted(files):
            path = os.path.join(root, file)
            # A DocC catalog (Sources/<Module>/<Module>.docc) holds articles and images; SwiftPM
            # compiles nothing in it.
            if f"{os.sep}{name}.docc" in root and file.endswith((".md", ".svg", ".png")):
                continue
            if not file.endswith(".swift"):
                problems.append(f"{path}: only Swift sources belong in a library module")
                continue
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    code = line.split("//", 1)[0]
                    for statement in code.split(";"):
                        m = import_re.match(statement)
                        if m:
                            module = m.group(1)
                            if module in standard or module in declared[name]:
                                continue
                            if module in libraries:
                                problems.append(f"{path}:{number}: imports {module}, which Package.swift does not list as a dependency of {name}")
                            else:
                                problems.append(f"{path}:{number}: imports {module}; library modules may import only the standard library and each other")
                    if extern_re.search(code):
                        problems.append(f"{path}:{number}: declares a foreign symbol ({extern_re.search(code).group(0)}); library modules call no C")

for p in problems:
    print("portability:", p)
if problems:
    sys.exit(1)
names = ", ".join(libraries)
print(f"portability: {len(libraries)} library modules ({names}) import only the standard library and their declared siblings; no package dependencies, no settings, no foreign symbols")
PY
