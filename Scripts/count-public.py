#!/usr/bin/env python3
"""Counts the public declarations of each library module (Sources/Pure*), the way the 1.0 API
issue counts them: one per line that declares something `public`. Declarations that are SPI
(`@_spi(...)` on them, on the attribute line above them, or on an enclosing type) are counted
apart: only an explicit `@_spi` import reaches them. `public import` lines are not declarations.

    python3 Scripts/count-public.py [SOURCES] [--list]   # --list prints every public declaration"""
import os, re, sys

# An attribute line of its own, such as `@_spi(Internals)` above the declaration it marks (a
# one-line `@_spi(Internals) public func …` marks only itself, not the declaration after it).
spi_attribute_line = re.compile(r'^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s*)*@_spi\([^)]*\)(?:\s*@[A-Za-z_]+(?:\([^)]*\))?)*\s*$')

args = [a for a in sys.argv[1:] if a != "--list"]
listing = "--list" in sys.argv[1:]
root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources")
decl = re.compile(r'^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*public\b(?!\s+import\b)')
total = total_spi = 0
for module in sorted(m for m in os.listdir(root) if m.startswith("Pure")):
    count = spi = 0
    for folder, _, files in os.walk(os.path.join(root, module)):
        for name in sorted(f for f in files if f.endswith(".swift")):
            depth = 0
            spi_until = []          # brace depths at which an SPI type's body closes
            previous = ""
            for line in open(os.path.join(folder, name), encoding="utf-8"):
                code = line.split("//")[0]
                if decl.match(code):
                    is_spi = "@_spi" in code or bool(spi_attribute_line.match(previous)) or bool(spi_until)
                    if is_spi:
                        spi += 1
                    else:
                        count += 1
                        if listing:
                            print(f"  {os.path.relpath(os.path.join(folder, name), root)}: {code.strip()[:110]}")
                    if is_spi and re.search(r'\b(struct|enum|class|extension|protocol)\b', code) and "{" in code:
                        spi_until.append(depth)
                elif spi_attribute_line.match(previous) and re.search(r'\b(extension|struct|enum|class)\b', code) and "{" in code:
                    spi_until.append(depth)
                depth += code.count("{") - code.count("}")
                while spi_until and depth <= spi_until[-1]:
                    spi_until.pop()
                if code.strip():
                    previous = code
    print(f"{module:12} {count:4d} public   ({spi} more are @_spi)")
    total += count
    total_spi += spi
print(f"{'total':12} {total:4d} public   ({total_spi} more are @_spi)")
