#!/usr/bin/env bash
# Differential data for RS384/RS512: RSASSA-PKCS1-v1_5 signatures with SHA-384 and SHA-512 made
# by OpenSSL with the committed keys of this folder, over messages of assorted lengths (around
# SHA-512's 128-byte block: 111/112 bytes is where its padding takes a second block). PureRSA must
# reproduce every signature byte for byte (Tests/PureRSATests/DifferentialSHA512Tests.swift).
#
# Run from anywhere: Vectors/rsa-diff/generate-sha384-sha512.sh   (needs openssl 3.x, xxd)
# Writes cases-sha384-sha512.txt. Messages are random, so a rerun makes new data; the committed
# file is the reference.
set -euo pipefail
cd "$(dirname "$0")"
keys=(key-2048.pem key-2049.pem key-3072.pem key-4096.pem)
lengths=(0 1 111 112 128 1000)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
{
    echo "# RS384 and RS512 signatures made by $(openssl version | cut -d' ' -f1-2) with"
    echo "#   openssl dgst -<hash> -sign key-<bits>.pem -out sig msg"
    echo "# Blocks: Key = private key file, Hash = sha384 | sha512, Msg = message (hex, empty for none), Sig = signature (hex)."
    for key in "${keys[@]}"; do
        for hash in sha384 sha512; do
            for length in "${lengths[@]}"; do
                if [[ "$length" -eq 0 ]]; then : >"$work/msg"; else openssl rand -out "$work/msg" "$length"; fi
                openssl dgst "-$hash" -sign "$key" -out "$work/sig" "$work/msg"
                openssl dgst "-$hash" -verify <(openssl pkey -in "$key" -pubout) -signature "$work/sig" "$work/msg" >/dev/null
                echo
                echo "Key = $key"
                echo "Hash = $hash"
                echo "Msg = $(xxd -p -c 0 "$work/msg" | tr -d '\n')"
                echo "Sig = $(xxd -p -c 0 "$work/sig" | tr -d '\n')"
            done
        done
    done
} >cases-sha384-sha512.txt
echo "wrote $(grep -c '^Sig' cases-sha384-sha512.txt) cases for ${#keys[@]} keys"
