#!/usr/bin/env bash
# Fails if a library module imports anything but the Swift standard library and its sibling
# modules, or if Package.swift declares a package dependency. The product promises both
# (see README "Where it runs").
set -euo pipefail
cd "$(dirname "$0")/.."

allowed='^(PureBigNum|PureSHA2|PureDER|PureRSA|PureJWT|Swift|_Concurrency)$'
status=0

# Every import in Sources/Pure*, whatever attributes or kinds come before the module name.
while IFS=: read -r file line text; do
    module=$(sed -E 's/^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*(public[[:space:]]+|package[[:space:]]+|internal[[:space:]]+|private[[:space:]]+|fileprivate[[:space:]]+)?import[[:space:]]+((typealias|struct|class|enum|protocol|let|var|func)[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*).*/\6/' <<<"$text")
    if ! [[ "$module" =~ $allowed ]]; then
        echo "portability: $file:$line imports $module; library modules may import only the standard library and each other"
        status=1
    fi
done < <(grep -rnE '^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*((public|package|internal|private|fileprivate)[[:space:]]+)?import[[:space:]]' Sources/Pure* || true)

# Ask SwiftPM itself, so no spelling of a dependency slips past a grep.
deps=$(swift package dump-package | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["dependencies"]))')
if [ "$deps" != "0" ]; then
    echo "portability: Package.swift declares $deps package dependencies; the library promises none"
    status=1
fi

[ "$status" -eq 0 ] && echo "portability: library modules import only the standard library and each other; no package dependencies"
exit "$status"
