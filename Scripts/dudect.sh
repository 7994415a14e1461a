#!/usr/bin/env bash
# dudect-style timing test (informational): Welch's t-test over the wall time (clock_gettime) of
# secret-handling operations on a FIXED secret versus RANDOM secrets, in random order.
#
#   Scripts/dudect.sh [SAMPLES]     default 10000 (the signing tests take a fifth as many)
#
# Tests (Scripts/constant-time/Sources/dudect/main.swift; built in the constant-time checks' package):
#   modexp        Modulus.exponentiateSecret, 1024-bit modulus: an all-zero exponent vs random ones
#   sign-message  RSA-2048 signing with one key: one fixed message vs random messages
#   sign-key      RSA-2048 signing: key A vs key B (Vectors/keys/rsa-2048 and demo-rsa-2048)
#   ecdsa-d       ECDSA P-256 signing through RFC 6979 (PrivateKey.signature(for:)): d = 1 vs random d
#   ecdsa-k       ECDSA P-256 signing with an explicit nonce (signature(digest:nonce:), through the
#                 SPI P256ConstantTimeHooks): k = 1 vs random k
#                 (both with random digests in both classes, so the signature and the time of its
#                 public verification before release are random in both; a fifth of the samples)
#   leaky         CONTROL: BigUInt.power (variable time) on the modexp inputs
#
# How to read it: t measures how far apart the two classes' mean times are, in standard errors.
# dudect's rule of thumb: |t| below 4.5 is no evidence of a leak at this sample count; above 10
# is a clear leak. Time on a shared machine is noisy and noise alone can push |t| past 4.5 now
# and then, so a single suspicious figure means "re-run with more samples": a real leak grows
# like the square root of the samples, noise does not. The control must always read LEAK (it
# does, by thousands), which shows the test can see a difference; the script fails only if it
# does not. The authoritative constant-time checks are Scripts/constant-time.sh (instruction
# counts and secret-as-undefined), which do not depend on timing noise.
set -euo pipefail
cd "$(dirname "$0")/constant-time"
export SWIFT_BACKTRACE=enable=no
samples="${1:-10000}"
# The flags of Scripts/constant-time.sh, so that after it this build has nothing left to do.
flags=(-c release -Xswiftc -dwarf-version=4 -Xcc -gdwarf-4)
swift build "${flags[@]}" --product dudect 2>&1 | tail -1
bin="$(swift build "${flags[@]}" --show-bin-path)/dudect"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
"$bin" --samples "$samples" --key ../../Vectors/keys/rsa-2048.pkcs8.pem --key ../../Vectors/keys/demo-rsa-2048.pem | tee "$out"
if ! grep -q '^leaky .*: LEAK' "$out"; then
    echo "dudect: the variable-time control was not detected — the measurement is broken"
    exit 1
fi
echo "dudect: done (informational; see the header of Scripts/dudect.sh for how to read |t|)"
