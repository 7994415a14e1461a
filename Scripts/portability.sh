#!/usr/bin/env bash
# All portability checks of docs/portability.md, in order, failing on the first failure:
#   1. imports:  library modules import only the standard library and each other; no package dependencies
#   2. embedded: every library module compiles as Embedded Swift for the host
#   3. static:   rs256 links the Swift runtime statically; ldd shows no OpenSSL, Foundation or
#                Swift runtime; it mints Node's token
#   4. wasm:     the whole library as a wasm32 module agrees with Vectors/ and with the native
#                rs256 under Node
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
step static Scripts/static-build.sh
# The wasm module's tenant tokens are also compared with the static native command just built.
RS256_NATIVE="$(swift build -c release --show-bin-path)/rs256"
export RS256_NATIVE
step wasm Scripts/wasm/test.sh
