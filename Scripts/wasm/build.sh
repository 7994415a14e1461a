#!/usr/bin/env bash
# Builds PureRS256.wasm: the library as Embedded Swift for wasm32-unknown-none-wasm (through
# Scripts/embedded/build.sh), the C-ABI exports and the Swift runtime shim (allocator, mem*,
# __multi3, __lshrti3, arc4random_buf, strtod), linked with the toolchain's wasm-ld and the toolchain's
# Embedded Unicode tables. The module imports nothing.
#
# Usage: Scripts/wasm/build.sh [output-dir]   (default .build-embedded/wasm32-unknown-none-wasm)
set -euo pipefail
cd "$(dirname "$0")/../.."

triple=wasm32-unknown-none-wasm
out=${1:-.build-embedded/$triple}
# The whole library: PureRSA, PureJWT and PureP256 come with their export files
# (ExportsRSA/ExportsJWT/ExportsP256).
modules="PureBigNum PureSHA2"
[ -f Scripts/wasm/ExportsRSA.swift ] && modules="$modules PureDER PureRSA"
# PureJWT imports PureP256 (ES256), so PureP256 is compiled before it.
[ -f Scripts/wasm/ExportsJWT.swift ] && modules="$modules PureJSON PureP256 PureJWT"
[ -f Scripts/wasm/ExportsP256.swift ] && [[ " $modules " != *" PureP256 "* ]] && modules="$modules PureP256"
EMBEDDED_MODULES="$modules" Scripts/embedded/build.sh "$triple" "$out"

exports=(pure_heap_init pure_heap_used pure_alloc pure_free pure_int_bits pure_modexp_montgomery
         pure_sha256 pure_sha256_chunked pure_sha2 pure_hmac pure_modexp __multi3 __lshrti3 __heap_base)
[ -f Scripts/wasm/ExportsRSA.swift ] && exports+=(pure_rs256_sign pure_rs256_verify)
[ -f Scripts/wasm/ExportsJWT.swift ] && exports+=(pure_jwt_sign_json pure_jwt_tenant_token pure_jwt_verify pure_json_restringify)
[ -f Scripts/wasm/ExportsP256.swift ] && exports+=(pure_es256_sign_with_nonce pure_es256_verify)

wasm_ld=$(dirname "$(readlink -f "$(command -v swiftc)")")/wasm-ld
objects=()
for module in $modules PureExports; do objects+=("$out/$module.o"); done
# --allow-undefined would let a missing runtime symbol become an import; run.mjs then fails on
# any import, so the module stays self-contained either way. 64 MiB of memory: the allocator's heap.
# The Unicode tables back String comparison and normalisation (PureJWT compares strings).
unicode=$(dirname "$wasm_ld")/../lib/swift/embedded/$triple/libswiftUnicodeDataTables.a
"$wasm_ld" --no-entry --allow-undefined --initial-memory=67108864 --strip-debug \
    $(printf -- '--export=%s ' "${exports[@]}") -o "$out/PureRS256.wasm" "${objects[@]}" "$unicode"
echo "wasm: $out/PureRS256.wasm ($(stat -c %s "$out/PureRS256.wasm") bytes; modules: $modules)"
