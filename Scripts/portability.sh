#!/usr/bin/env bash
# All portability checks of README "Where it runs", in order, failing on the first failure:
#   1. imports:  library modules import only the standard library and each other; no package dependencies
#   2. embedded: every library module compiles as Embedded Swift for the host
#   3. wasm:     PureBigNum + PureSHA2 (+ PureRSA) as a wasm32 module agree with Vectors/ under Node
#   4. static:   rs256 links the Swift runtime and Foundation statically; ldd shows no OpenSSL
# Usage: Scripts/portability.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() {
    local name=$1; shift
    local start=$SECONDS
    echo "-- portability/$name"
    "$@"
    echo "-- portability/$name passed in $((SECONDS - start)) s"
}
step imports Scripts/check-portability.sh
step embedded Scripts/embedded/build.sh
step wasm Scripts/wasm/test.sh
step static Scripts/static-build.sh
