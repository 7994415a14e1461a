#!/usr/bin/env bash
# Compiles the library modules as Embedded Swift (no runtime, no existentials, no reflection),
# whole-module, for the host triple or the triple given as $1, each module after the modules it
# imports: PureBigNum, PureSHA2, PureDER, PureRSA, PureJWT. Then compiles Scripts/wasm/Exports.swift
# against them, because Embedded Swift specialises generic code in the client: a generic body
# that Embedded forbids only fails when something instantiates it.
#
# Usage: Scripts/embedded/build.sh [triple] [output-dir]
#   default triple: <machine>-unknown-linux-gnu; default output: .build-embedded/<triple>
# Fails (non-zero, compiler errors shown) if any module does not compile.
set -euo pipefail
cd "$(dirname "$0")/../.."

triple=${1:-$(uname -m)-unknown-linux-gnu}
out=${2:-.build-embedded/$triple}
modules=${EMBEDDED_MODULES:-"PureBigNum PureSHA2 PureDER PureRSA PureJWT"}
mkdir -p "$out"

flags=(-enable-experimental-feature Embedded -wmo -parse-as-library -Osize -target "$triple" -I "$out")
# Bare-metal and wasm targets have no stack-protector runtime (__stack_chk_guard).
case "$triple" in *-none-*|wasm*) flags+=(-Xfrontend -disable-stack-protector) ;; esac

for module in $modules; do
    sources=$(find "Sources/$module" -name '*.swift' | sort)
    start=$(date +%s)
    if ! swiftc "${flags[@]}" -module-name "$module" \
        -emit-module -emit-module-path "$out/$module.swiftmodule" \
        -c -o "$out/$module.o" $sources; then
        echo "embedded: $module FAILED to compile as Embedded Swift for $triple" >&2
        exit 1
    fi
    echo "embedded: $module compiled for $triple ($(stat -c %s "$out/$module.o") bytes of object code, $(( $(date +%s) - start )) s)"
done

# The exports shim uses PureBigNum and PureSHA2 (and PureRSA when it offers RS256 signing).
shim=(Scripts/wasm/Exports.swift)
[ -f Scripts/wasm/ExportsRSA.swift ] && [[ " $modules " == *" PureRSA "* ]] && shim+=(Scripts/wasm/ExportsRSA.swift)
case "$triple" in wasm*) shim+=(Scripts/wasm/Runtime.swift) ;; esac
if ! swiftc "${flags[@]}" -module-name PureExports -c -o "$out/PureExports.o" "${shim[@]}"; then
    echo "embedded: the exports shim FAILED to compile against the Embedded modules for $triple" >&2
    exit 1
fi
echo "embedded: exports shim compiled for $triple (${shim[*]})"
