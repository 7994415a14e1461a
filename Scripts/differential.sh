#!/usr/bin/env bash
# Differential soak against OpenSSL: N fresh random RSA keys, random messages of random lengths,
# the six RSA algorithms in turn (message i of the run uses RS256, RS384, RS512, PS256, PS384,
# PS512 for i mod 6 = 0…5; the default 30 keys × 4 messages give each algorithm 20 messages).
# For every (key, message, algorithm):
#   1. RS*: our signature (`rs256 sign-data --alg`) is byte for byte `openssl dgst -shaN -sign`'s;
#      PS* signatures carry a random salt, so they cannot be compared byte for byte;
#   2. OpenSSL verifies ours (`openssl dgst -shaN -verify`, for PS* with
#      `-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest`, JWA's salt length);
#   3. we verify OpenSSL's (`rs256 verify-data --alg`);
#   4. a signature with one bit flipped, and the message with one bit flipped, are refused by both.
#
#   Scripts/differential.sh [N] [--max-bits B] [--with-1024] [--messages M] [--keep DIR]
#     N             number of keys (default 30)
#     --max-bits B  largest key size drawn (default 8192; CI uses 4097 because generating odd
#                   8191-bit keys takes OpenSSL minutes)
#     --with-1024   also draw 1024-bit keys (legacy size; rs256 then needs --allow-weak-key)
#     --messages M  messages per key (default 4)
#     --keep DIR    keep every key, message and signature in DIR (default: only failures are kept)
#
# Sizes come from 2048, 2049, 2050, 2304, 3071, 3072, 3073, 4095, 4096, 4097, 6144, 7680, 8191, 8192
# (and 1024): the first keys take each size in turn so even a short run covers every size, later
# ones draw at random. OpenSSL 3 cannot make odd sizes (both primes get floor(bits/2) bits), so
# those keys are built from two `openssl prime -generate` primes of ceil(bits/2) and floor(bits/2)
# bits, with python3 computing d and the CRT values and `openssl pkey -check` validating the key —
# the method of Vectors/rsa-diff/generate.sh. Each key reaches rs256 in a different form in turn
# (PKCS#8 PEM, PKCS#1 PEM, PKCS#8 DER, base64 of PEM in HOTGLUE_SIGNING_KEY).
#
# Needs openssl 3, python3. Prints the counts; exits 1 on any disagreement (the case is kept).
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no

keys=30; max_bits=8192; with1024=0; per_key=4; keep=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --max-bits) max_bits=$2; shift 2 ;;
        --with-1024) with1024=1; shift ;;
        --messages) per_key=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) keys=$1; shift ;;
    esac
done

all_sizes=(2048 2049 2050 2304 3071 3072 3073 4095 4096 4097 6144 7680 8191 8192)
sizes=()
[[ $with1024 == 1 ]] && sizes+=(1024)
for s in "${all_sizes[@]}"; do [[ $s -le $max_bits ]] && sizes+=("$s"); done
[[ ${#sizes[@]} -gt 0 ]] || { echo "differential: no key size at or below $max_bits" >&2; exit 2; }

# RS256_NATIVE names an rs256 already built (CI passes its static release build, so this script
# does not rebuild with other flags); otherwise the release build of this checkout.
if [[ -n "${RS256_NATIVE:-}" ]]; then
    [[ -x "$RS256_NATIVE" ]] || { echo "differential: RS256_NATIVE=$RS256_NATIVE is not an executable" >&2; exit 2; }
    rs256="$RS256_NATIVE"
else
    swift build -c release --product rs256 >/dev/null 2>&1 || swift build -c release --product rs256
    rs256="$(swift build -c release --show-bin-path)/rs256"
fi
work="${keep:-$(mktemp -d)}"
mkdir -p "$work"
[[ -z "$keep" ]] && trap 'rm -rf "$work"' EXIT
failed_dir=".build/differential-failures"

source "$(dirname "${BASH_SOURCE[0]}")/lib/openssl-keys.sh"   # modulus_bits, build_key

flip_bit() {  # in out: copy with one random bit flipped
    python3 - "$1" "$2" <<'PY'
import os, random, sys
data = bytearray(open(sys.argv[1], "rb").read()) or bytearray(b"\0")
i = random.randrange(len(data) * 8)
data[i // 8] ^= 1 << (i % 8)
open(sys.argv[2], "wb").write(data)
PY
}

fail() {  # what key message
    failures=$((failures + 1))
    mkdir -p "$failed_dir"
    local case_dir="$failed_dir/case-$(date +%s)-$RANDOM"
    mkdir -p "$case_dir"
    cp "$2" "$3" "$case_dir/" 2>/dev/null || true
    cp "$work"/*.sig "$case_dir/" 2>/dev/null || true
    echo "FAIL: $1 (key $bits bits, message $(stat -c %s "$3") bytes; kept in $case_dir)"
}

signed=0; identical=0; compared=0; openssl_ok=0; ours_ok=0; tamper_refused=0; failures=0
algorithms=(RS256 RS384 RS512 PS256 PS384 PS512); alg_counts=(0 0 0 0 0 0); message_index=0
size_counts=""
start=$(date +%s); keygen_seconds=0
for ((k = 0; k < keys; k++)); do
    if [[ $k -lt ${#sizes[@]} ]]; then bits=${sizes[$k]}; else bits=${sizes[$((RANDOM % ${#sizes[@]}))]}; fi
    key="$work/key-$k.pem"; pub="$work/key-$k.pub.pem"
    t0=$(date +%s)
    openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$bits" -out "$key" 2>/dev/null
    [[ "$(modulus_bits "$key")" == "$bits" ]] || build_key "$bits" "$key"
    [[ "$(modulus_bits "$key")" == "$bits" ]] || { echo "differential: could not make a $bits-bit key" >&2; exit 2; }
    keygen_seconds=$((keygen_seconds + $(date +%s) - t0))
    openssl pkey -in "$key" -pubout -out "$pub"
    size_counts+="$bits "
    weak=(); [[ $bits -lt 2048 ]] && weak=(--allow-weak-key)
    # The form rs256 reads the private key in, in turn.
    key_args=(--key "$key"); env_key=""
    case $((k % 4)) in
        1) openssl pkey -in "$key" -traditional -out "$work/key-$k.pkcs1.pem"; key_args=(--key "$work/key-$k.pkcs1.pem") ;;
        2) openssl pkey -in "$key" -outform DER -out "$work/key-$k.der"; key_args=(--key "$work/key-$k.der") ;;
        3) env_key="$(base64 -w0 "$key")"; key_args=() ;;
    esac
    for ((m = 0; m < per_key; m++)); do
        case $((m % 4)) in
            0) length=0 ;;
            1) length=$((RANDOM % 64)) ;;
            2) length=$((RANDOM % 1000)) ;;
            *) length=$((RANDOM * 4 % 100000)) ;;
        esac
        msg="$work/msg-$k-$m"
        head -c "$length" /dev/urandom >"$msg"
        a=$((message_index % 6)); message_index=$((message_index + 1))
        alg=${algorithms[$a]}; alg_counts[$a]=$((alg_counts[$a] + 1))
        # OpenSSL's options for the algorithm: the hash, and for PS* the PSS padding with JWA's salt.
        ossl=(-sha"${alg:2}")
        [[ $alg == PS* ]] && ossl+=(-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest)
        openssl dgst "${ossl[@]}" -sign "$key" -out "$work/theirs.sig" "$msg"
        if ! HOTGLUE_SIGNING_KEY="$env_key" "$rs256" sign-data "$msg" --alg "$alg" "${key_args[@]}" "${weak[@]}" --out "$work/ours.sig" 2>"$work/err"; then
            fail "rs256 sign-data --alg $alg failed: $(cat "$work/err")" "$key" "$msg"; continue
        fi
        signed=$((signed + 1))
        if [[ $alg == RS* ]]; then
            compared=$((compared + 1))
            if cmp -s "$work/ours.sig" "$work/theirs.sig"; then identical=$((identical + 1)); else fail "$alg signatures differ" "$key" "$msg"; fi
        fi
        if openssl dgst "${ossl[@]}" -verify "$pub" -signature "$work/ours.sig" "$msg" >/dev/null 2>&1; then
            openssl_ok=$((openssl_ok + 1)); else fail "OpenSSL refuses our $alg signature" "$key" "$msg"; fi
        if "$rs256" verify-data --alg "$alg" --signature "$work/theirs.sig" "$msg" --key "$pub" "${weak[@]}" >/dev/null 2>&1; then
            ours_ok=$((ours_ok + 1)); else fail "rs256 refuses OpenSSL's $alg signature" "$key" "$msg"; fi
        # Tampering: a flipped signature bit, then a flipped message bit; both must be refused by both.
        flip_bit "$work/theirs.sig" "$work/tampered.sig"
        flip_bit "$msg" "$work/tampered.msg"
        refused=1
        for pair in "$work/tampered.sig $msg" "$work/theirs.sig $work/tampered.msg"; do
            read -r sig data <<<"$pair"
            if openssl dgst "${ossl[@]}" -verify "$pub" -signature "$sig" "$data" >/dev/null 2>&1; then
                refused=0; fail "OpenSSL accepts a tampered $alg signature/message" "$key" "$data"; fi
            set +e
            "$rs256" verify-data --alg "$alg" --signature "$sig" "$data" --key "$pub" "${weak[@]}" >/dev/null 2>&1
            status=$?
            set -e
            if [[ $status -ne 1 ]]; then refused=0; fail "rs256 verify-data --alg $alg exited $status on a tampered signature/message (1 expected)" "$key" "$data"; fi
        done
        [[ $refused == 1 ]] && tamper_refused=$((tamper_refused + 1))
    done
done
elapsed=$(( $(date +%s) - start ))
echo "differential: $keys keys (bits: $(tr ' ' '\n' <<<"$size_counts" | grep . | sort -n | uniq -c | awk 'NF { printf "%s×%s ", $1, $2 }')), $signed messages signed"
echo "  algorithms: $(for i in 0 1 2 3 4 5; do printf '%s×%s ' "${alg_counts[$i]}" "${algorithms[$i]}"; done)"
echo "  RS* byte-identical to openssl dgst -sign: $identical/$compared"
echo "  OpenSSL verifies ours:                $openssl_ok/$signed"
echo "  we verify OpenSSL's:                  $ours_ok/$signed"
echo "  tampered signature and message refused by both: $tamper_refused/$signed"
echo "  time: ${elapsed} s (key generation ${keygen_seconds} s)"
if [[ $failures -gt 0 ]]; then
    echo "differential: $failures FAILURE(S)"
    exit 1
fi
echo "differential: all agree"
