#!/usr/bin/env bash
# Builds and tests the separate packages under Examples/ that use this one as users do (by path):
#   Examples/ClientCheck     the README's Swift example and the public API with one import (issue 15)
#   Examples/HotglueBackend  the Hummingbird 2 backend of hotglue's flow, live on loopback (issue 16)
# Each has its own scratch path (Examples/NAME/.build, ignored by git) and one debug build:
# `swift build --build-tests`, then `swift test --skip-build`. Prints each package's duration.
#   Scripts/examples.sh [NAME…]     default: every package under Examples/
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}

if [ $# -eq 0 ]; then
    set -- ClientCheck HotglueBackend
fi
durations=()
for name in "$@"; do
    dir="Examples/$name"
    [ -f "$dir/Package.swift" ] || { echo "examples: no package at $dir" >&2; exit 2; }
    echo "== examples: $name (build)"
    start=$(date +%s)
    swift build --package-path "$dir" --scratch-path "$dir/.build" --build-tests
    built=$(date +%s)
    echo "== examples: $name (test)"
    swift test --package-path "$dir" --scratch-path "$dir/.build" --skip-build
    end=$(date +%s)
    durations+=("$(printf '%5d s  %s (build %d s, test %d s)' $(( end - start )) "$name" $(( built - start )) $(( end - built )))")
done
echo "== examples: durations"
printf '%s\n' "${durations[@]}"
