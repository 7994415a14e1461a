#!/usr/bin/env bash
# Builds the Embedded Swift WebAssembly module and checks it under Node against Vectors/
# (Scripts/wasm/run.mjs). With RS256_NATIVE=path/to/rs256 (a native build of the command) it also
# compares tenant tokens with it. Exit status non-zero on any build failure or mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build-embedded/wasm32-unknown-none-wasm
Scripts/wasm/build.sh "$out"
native=()
if [ -n "${RS256_NATIVE:-}" ]; then
    [ -x "$RS256_NATIVE" ] || { echo "wasm: RS256_NATIVE=$RS256_NATIVE is not an executable" >&2; exit 1; }
    native=(--native "$RS256_NATIVE")
fi
node Scripts/wasm/run.mjs "$out/PureRS256.wasm" "${native[@]}"
