#!/usr/bin/env bash
# Counts the public declarations of each library module (lines declaring something `public`,
# `@_spi` ones counted apart: they are reachable only with an explicit `@_spi` import).
set -euo pipefail
cd "$(dirname "$0")/.."
total=0
for dir in Sources/Pure*; do
    module=$(basename "$dir")
    all=$(grep -rhE '^\s*(@[A-Za-z_]+(\([^)]*\))?\s+)*public\b' "$dir" | grep -vE '^\s*public\s+import\b' | wc -l)
    spi=$(grep -rhE '^\s*(@[A-Za-z_]+(\([^)]*\))?\s+)*public\b' "$dir" | grep -cE '@_spi' || true)
    printf '%-12s %4d public  (%d of them @_spi)\n' "$module" $(( all - spi )) "$spi"
    total=$(( total + all - spi ))
done
printf '%-12s %4d public\n' total "$total"
