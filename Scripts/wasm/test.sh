#!/usr/bin/env bash
# Builds the Embedded Swift WebAssembly module and checks it under Node against Vectors/
# (Scripts/wasm/run.mjs). Exit status non-zero on any build failure or mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build-embedded/wasm32-unknown-none-wasm
Scripts/wasm/build.sh "$out"
node Scripts/wasm/run.mjs "$out/PureRS256.wasm"
