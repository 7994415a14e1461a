#!/usr/bin/env bash
# Differential data for PS256/PS384/PS512: RSASSA-PSS signatures (MGF1 over the same hash, salt as
# long as the digest, as RFC 7518 section 3.5 fixes) made by OpenSSL with the committed keys of this folder, over messages of assorted lengths. PSS is
# randomised, so PureRSA must accept every one (it cannot reproduce them); OpenSSL verifying ours is
# checked at test time (Tests/PureRSATests/PSSTests.swift).
#
# Run from anywhere: Vectors/rsa-diff/generate-pss.sh   (needs openssl 3.x, xxd)
# Writes cases-pss.txt. Messages are random, so a rerun makes new data; the committed
# file is the reference.
set -euo pipefail
cd "$(dirname "$0")"
keys=(key-2048.pem key-2049.pem key-3072.pem key-4096.pem)
lengths=(0 1 111 112 128 1000)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
{
    echo "# PS256, PS384 and PS512 signatures made by $(openssl version | cut -d' ' -f1-2) with"
    echo "#   openssl dgst -<hash> -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest -sign key-<bits>.pem -out sig msg"
    echo "# Blocks: Key = private key file, Hash = sha256 | sha384 | sha512, Msg = message (hex, empty for none), Sig = signature (hex)."
    for key in "${keys[@]}"; do
        for hash in sha256 sha384 sha512; do
            for length in "${lengths[@]}"; do
                if [[ "$length" -eq 0 ]]; then : >"$work/msg"; else openssl rand -out "$work/msg" "$length"; fi
                openssl dgst "-$hash" -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest -sign "$key" -out "$work/sig" "$work/msg"
                openssl dgst "-$hash" -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest -verify <(openssl pkey -in "$key" -pubout) -signature "$work/sig" "$work/msg" >/dev/null
                echo
                echo "Key = $key"
                echo "Hash = $hash"
                echo "Msg = $(xxd -p -c 0 "$work/msg" | tr -d '\n')"
                echo "Sig = $(xxd -p -c 0 "$work/sig" | tr -d '\n')"
            done
        done
    done
} >cases-pss.txt
echo "wrote $(grep -c '^Sig' cases-pss.txt) cases for ${#keys[@]} keys"
