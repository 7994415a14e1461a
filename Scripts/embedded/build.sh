#!/usr/bin/env bash
# Compiles the library modules as Embedded Swift (no runtime, no existentials, no reflection),
# whole-module, for the host triple or the triple given as $1, each module after the modules it
# imports. The list and order come from Package.swift (today PureBigNum, PureDER, PureSHA2,
# PureRSA, PureJWT, PureP256), so a new library module is covered. Then compiles Scripts/wasm/Exports.swift
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
# Every library target of Package.swift (Pure*), each after its dependencies; or the list given.
modules=${EMBEDDED_MODULES:-$(swift package dump-package | python3 -c '
import json, sys
targets = {t["name"]: t for t in json.load(sys.stdin)["targets"] if t["name"].startswith("Pure") and t["type"] != "test"}
done = []
def visit(name):
    if name in done: return
    for d in targets[name]["dependencies"]:
        dep = next(iter(d.values()))[0]
        if dep in targets: visit(dep)
    done.append(name)
for name in sorted(targets, key=lambda n: n): visit(name)
print(" ".join(done))')}
[ -n "$modules" ] || { echo "embedded: no library modules found in Package.swift" >&2; exit 1; }
mkdir -p "$out"

# -package-name: the modules share `package` declarations, as SwiftPM compiles them.
flags=(-enable-experimental-feature Embedded -wmo -parse-as-library -Osize -target "$triple" -I "$out" -package-name PureRS256)
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

# The exports shim: PureBigNum and PureSHA2, plus PureRSA, PureJWT and PureP256 when they are built.
shim=(Scripts/wasm/Exports.swift)
[ -f Scripts/wasm/ExportsRSA.swift ] && [[ " $modules " == *" PureRSA "* ]] && shim+=(Scripts/wasm/ExportsRSA.swift)
[ -f Scripts/wasm/ExportsJWT.swift ] && [[ " $modules " == *" PureJWT "* ]] && shim+=(Scripts/wasm/ExportsJWT.swift)
[ -f Scripts/wasm/ExportsP256.swift ] && [[ " $modules " == *" PureP256 "* ]] && shim+=(Scripts/wasm/ExportsP256.swift)
# Targets without a Swift runtime or C library also get the runtime shim, and strtod for PureJWT.
case "$triple" in
    wasm*|*-none-*)
        shim+=(Scripts/wasm/Runtime.swift)
        [[ " $modules " == *" PureJWT "* ]] && shim+=(Scripts/wasm/Strtod.swift)
        ;;
esac
if ! swiftc "${flags[@]}" -module-name PureExports -c -o "$out/PureExports.o" "${shim[@]}"; then
    echo "embedded: the exports shim FAILED to compile against the Embedded modules for $triple" >&2
    exit 1
fi
echo "embedded: exports shim compiled for $triple (${shim[*]})"
