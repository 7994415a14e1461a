#!/usr/bin/env bash
# Differential data for PureRSA: RSA keys made by OpenSSL and RS256 (PKCS#1 v1.5, SHA-256)
# signatures made by OpenSSL over messages of assorted lengths. PureRSA must reproduce every
# signature byte for byte (Tests/PureRSATests/DifferentialTests.swift).
#
# Run from anywhere: Vectors/rsa-diff/generate.sh   (needs openssl 3.x, python3, xxd)
# Writes key-<bits>.pem (PKCS#8, as `openssl genpkey` writes) and cases.txt. Keys are random, so a
# rerun makes new data; the committed files are the reference.
#
# Odd sizes: OpenSSL 3's generator makes both primes floor(bits/2) bits long, so
# `genpkey -pkeyopt rsa_keygen_bits:2049` gives a 2048-bit modulus and 3071 gives 3070. When
# genpkey misses the size, the key is built instead from two primes of ceil(bits/2) and
# floor(bits/2) bits made by `openssl prime -generate`, retried until n has exactly `bits` bits;
# python3 computes d = e⁻¹ mod lcm(p−1, q−1) and the CRT values, `openssl asn1parse -genconf`
# writes the PKCS#1 DER, `openssl pkey` converts it to PKCS#8 PEM and `openssl pkey -check`
# validates it. Signatures always come from `openssl dgst` alone.
set -euo pipefail
cd "$(dirname "$0")"
sizes=(1024 2047 2048 2049 3071 3072 4096)
lengths=(0 1 3 32 55 56 64 100 1000 4096)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

source "$(dirname "${BASH_SOURCE[0]}")/../../Scripts/lib/openssl-keys.sh"   # modulus_bits, build_key

{
    echo "# RS256 signatures made by $(openssl version | cut -d' ' -f1-2) with"
    echo "#   openssl dgst -sha256 -sign key-<bits>.pem -out sig msg"
    echo "# Blocks: Key = file of the private key, Msg = message (hex, empty for none), Sig = signature (hex)."
    for bits in "${sizes[@]}"; do
        key="key-$bits.pem"
        openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$bits" -out "$key" 2>/dev/null
        if [[ "$(modulus_bits "$key")" != "$bits" ]]; then
            build_key "$bits" "$key"
            echo "# $key: built from two \`openssl prime\` primes (genpkey cannot make $bits bits)"
        fi
        [[ "$(modulus_bits "$key")" == "$bits" ]] || { echo "key-$bits.pem has the wrong size" >&2; exit 1; }
        for length in "${lengths[@]}"; do
            if [[ "$length" -eq 0 ]]; then : >"$work/msg"; else openssl rand -out "$work/msg" "$length"; fi
            openssl dgst -sha256 -sign "$key" -out "$work/sig" "$work/msg"
            openssl dgst -sha256 -verify <(openssl pkey -in "$key" -pubout) -signature "$work/sig" "$work/msg" >/dev/null
            echo
            echo "Key = $key"
            echo "Msg = $(xxd -p -c 0 "$work/msg" | tr -d '\n')"
            echo "Sig = $(xxd -p -c 0 "$work/sig" | tr -d '\n')"
        done
    done
} >cases.txt
echo "wrote $(grep -c '^Sig' cases.txt) cases for ${#sizes[@]} keys"
