#!/usr/bin/env bash
# Checks every Swift file of the repository against .swift-format with the toolchain's own
# `swift format` (no package dependency): `Scripts/format.sh` fails on any finding (CI);
# `Scripts/format.sh --fix` rewrites the files in place first (then checks). Generated files opt
# out with `// swift-format-ignore-file` (Scripts/gen-kernels.py writes it).
set -euo pipefail
cd "$(dirname "$0")/.."

# Examples/ClientCheck's ReadmeExample is the README's Swift example byte for byte (its test
# compares them), written in the README's layout, so the formatter leaves it alone.
mapfile -t files < <(git ls-files -- '*.swift' ':!:Examples/ClientCheck/Sources/ReadmeExample/main.swift')
if [[ ${1:-} == --fix ]]; then
    swift format format --in-place --parallel --configuration .swift-format "${files[@]}"
fi
swift format lint --strict --parallel --configuration .swift-format "${files[@]}"
echo "format: ${#files[@]} Swift files match .swift-format"
