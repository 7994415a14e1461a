#!/usr/bin/env bash
# All portability checks of docs/portability.md, in order, failing on the first failure:
#   1. imports:  library modules import only the standard library and each other; no package dependencies
#   2. static:   rs256 links the Swift runtime statically; ldd shows no OpenSSL, Foundation or
#                Swift runtime; it mints Node's token
#   3. wasm:     the whole library as a wasm32 module, compiled as Embedded Swift
#                (Scripts/embedded/build.sh), agrees with Vectors/ and with the native rs256 under Node
# The Embedded Swift compile for the host triple (`Scripts/embedded/build.sh` with no argument)
# is not repeated here: CI's boards step compiles every library module as Embedded Swift for four
# more targets (Scripts/boards/test.sh), and each of those compiles would fail as the host's does.
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
step static Scripts/static-build.sh
# The wasm module's tenant tokens are also compared with the static native command just built.
RS256_NATIVE="$(swift build -c release --show-bin-path)/rs256"
export RS256_NATIVE
step wasm Scripts/wasm/test.sh
