#!/usr/bin/env bash
# Constant-time checks for PureBigNum's secret-handling code, on the release build:
#  (a) callgrind: the instructions executed by one exponentiation are the same number for
#      different secret bases/exponents of the same length (for each specialised size and the
#      generic kernel);
#  (b) memcheck: with the secrets marked undefined (VALGRIND_MAKE_MEM_UNDEFINED), no branch and
#      no address depends on them.
# And the same two checks on PureRSA's whole signing path (key loaded from DER, message hashed,
# EMSA encoding, both CRT exponentiations, recombination, check before release):
#  (c) memcheck: the key's secret integers are undefined from the DER bytes on; signing four
#      messages may branch on them only at the release decision (see `allowed` below);
#  (d) callgrind: one signing executes the same number of instructions for two different keys
#      of the same size and different messages of the same length;
#  both for RSASSA-PKCS1-v1_5 and for RSASSA-PSS (PS256: a fresh random salt per signature).
# And on key generation's primality tests (Sources/PureRSA/KeyGeneration):
#  (e) memcheck: a prime candidate's limbs undefined (and the Miller–Rabin base's); the
#      trial-division sieve by all 3,511 small primes and one Miller–Rabin round may branch on
#      them only at the verdicts the library documents (see `keygen_points` below).
# And on P-256 scalar multiplication by a secret (PrivateKey(rawRepresentation:): d decoded, then
# d·G by the fixed-base masked comb and one inversion):
#  (f) memcheck: d undefined; the only reports allowed are at the range guard "0 < d < n" (its
#      jumps, each once per key): scalar multiplication, inversion and encoding never branch on d;
#  (g) callgrind: computing the key executes the same number of instructions for d = 1, n − 1 and
#      two random values.
# And on PureSHA2's HMAC verification (HMAC-SHA-256/384/512, the key hashed or padded, the tag
# computed and compared with the received one):
#  (h) memcheck: the key bytes and the received tag bytes undefined; verifying right and wrong
#      tags reports nothing (the verdict is made public by the harness, after the call);
#  (i) callgrind: one verification per hash executes the same number of instructions for right
#      tags, tags wrong in the first, the last or every byte, and different keys of one length.
# And on ECDSA P-256 signing and key generation (Sources/PureP256; the package-level explicit-nonce
# signing and seeded key generation through the SPI hook P256ConstantTimeHooks):
#  (j) memcheck: d undefined (RFC 6979 signing through `signature(for:)`: the nonce, an HMAC over
#      d, is undefined too), or d and an explicit nonce k undefined; reports are allowed only at
#      the range guards (each site once per key, or once per signature), "r = 0 or s = 0" (once
#      per signature) and inside the check before release (ECDSA.verify on the finished, public
#      signature);
#  (k) callgrind: one signing minus the verification of its signature executes the same number
#      of instructions for different keys, digests and nonces;
#  (l) memcheck: key generation with every random word undefined reports only at the rejection
#      "candidate > n − 2" (once per candidate) and the range guard of d (once per key);
#  (m) callgrind: key generation executes the same number of instructions for keys accepted on
#      the first draw.
# Every callgrind count is of the instructions executed in ct-check's own code (the library,
# linked statically, and the harness): the Swift runtime's and libc's counts move by a few
# instructions with addresses (a longer file name on the command line is enough), and memcheck
# checks that they never branch on a secret. count-sign warms up with one uncounted signing.
# Each check is also run on a deliberately leaky square-and-multiply (in Scripts/constant-time,
# not in the library) and must flag it, which proves the check can fail (for (h) and (i): an
# early-exit tag comparison).
# Exits non-zero on any failure. Needs valgrind (Debian: apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/constant-time"
export SWIFT_BACKTRACE=enable=no
command -v valgrind >/dev/null || { echo "constant-time: valgrind is not installed" >&2; exit 1; }
command -v openssl >/dev/null || { echo "constant-time: openssl is needed to convert the signing keys" >&2; exit 1; }
command -v python3 >/dev/null || { echo "constant-time: python3 is needed to classify memcheck reports" >&2; exit 1; }

# valgrind 3.19 cannot read DWARF 5.
flags=(-c release -Xswiftc -dwarf-version=4 -Xcc -gdwarf-4)
swift build "${flags[@]}" 2>&1 | tail -1
bin="$(swift build "${flags[@]}" --show-bin-path)/ct-check"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# The instructions a callgrind profile counts in ct-check itself, which links the library
# statically; the Swift runtime and libc are left out (see Scripts/lib/callgrind-own.py: their
# counts move by a few instructions with addresses, never with secrets, and memcheck covers them).
own_count() { python3 ../lib/callgrind-own.py "$1" "$bin"; }

echo "== (b) memcheck: secrets as undefined memory"
if valgrind -q --error-exitcode=3 --leak-check=no "$bin" memcheck library >"$work/library.log" 2>&1; then
    echo "ok: library — no branch or address depends on a secret ($(tail -1 "$work/library.log"))"
else
    fail "memcheck reports secret-dependent branches or addresses in the library:"
    cat "$work/library.log"
fi
if valgrind -q --error-exitcode=3 --leak-check=no "$bin" memcheck leaky >"$work/leaky.log" 2>&1; then
    fail "memcheck did not flag the leaky square-and-multiply (the check cannot fail?)"
elif grep -q "Conditional jump or move depends on uninitialised value" "$work/leaky.log"; then
    echo "ok: leaky variant flagged ($(grep -c 'depends on uninitialised' "$work/leaky.log") report(s))"
else
    fail "the leaky run failed for another reason:"
    cat "$work/leaky.log"
fi

echo "== (a) callgrind: instruction counts across secrets"
count() {  # variant limbs seed
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.$1.$2.$3" \
        --toggle-collect='*measureExponentiation*' "$bin" count "$1" "$2" "$3" >/dev/null 2>&1
    own_count "$work/cg.$1.$2.$3"
}
for limbs in 16 24 32 17; do
    counts=()
    for seed in 0 1 2 3; do counts+=("$(count library "$limbs" "$seed")"); done
    distinct=$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)
    if [[ "$distinct" == 1 && "${counts[0]}" -gt 100000 ]]; then
        echo "ok: library, $limbs limbs — ${counts[0]} instructions for every secret"
    else
        fail "library, $limbs limbs — counts differ across secrets: ${counts[*]}"
    fi
done
counts=()
for seed in 0 1 2; do counts+=("$(count leaky 16 "$seed")"); done
if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" -gt 1 ]]; then
    echo "ok: leaky variant flagged — counts ${counts[*]}"
else
    fail "callgrind saw equal counts for the leaky variant (the check cannot fail?): ${counts[*]}"
fi

echo "== (c) memcheck: the whole signing path, secrets undefined from the key's DER bytes on"
# Two 2048-bit keys and an odd size (2051 bits: 17-limb primes, the generic kernel), as PKCS#1 DER.
keys=()
for pem in ../../Vectors/keys/rsa-2048.pkcs1.pem ../../Vectors/keys/demo-rsa-2048.pem ../../Vectors/keys/rsa-2051.pkcs1.pem; do
    der="$work/$(basename "$pem" .pem).der"
    openssl rsa -in "$pem" -traditional -outform DER -out "$der" 2>/dev/null
    keys+=("$der")
done
# The release decision: after the CRT the result becomes public unless it is faulty, so these
# branches reveal only "this signature is released" (BoringSSL marks the same point with
# CONSTTIME_DECLASSIFY; a library free of valgrind headers cannot, so the check lists them):
#   Limbs.bigEndianBytes(_:count:) from CRTKey.privateOperation — "the result fits in k bytes";
#   RSAPublicKey.matches — s < n (a declassified Choice) and s^e mod n == EM;
#   RSAPrivateKey.signature(encodedMessage:fault:) (the core PKCS#1 v1.5 and PSS share; before
#   PSS it was inlined in signature(forDigest:fault:)) — the guard on that verdict.
classify() {  # log: prints "allowed N other M" for errors raised while signing (stacks through
              # measureSigning, or leakySignature, which a tail call can leave without its caller)
    python3 - "$1" <<'PY'
import re, sys
allowed, other, shown = 0, 0, set()
for block in re.split(r"==\d+== \n", open(sys.argv[1]).read()):
    lines = [l for l in block.splitlines() if l.startswith("==")]
    if not lines or not re.search("measureSigning|leakySignature", block) or "uninitialised" not in lines[0]:
        continue
    frames = [re.sub(r"^==\d+==\s+(at|by) 0x[0-9A-F]+: ", "", l) for l in lines[1:]]
    top = frames[0]
    ok = lines[0].split("== ", 1)[1].startswith("Conditional jump") and (
        ("LimbsO14bigEndianBytes" in top and any("CRTKeyV16privateOperation" in f for f in frames[:3]))
        or top.startswith("matches (") or (len(frames) > 1 and frames[1].startswith("matches ("))
        or "RSAPrivateKeyV9signature9forDigest5fault" in top
        or "RSAPrivateKeyV9signature14encodedMessage5fault" in top)
    if ok:
        allowed += 1
    else:
        other += 1
        if top not in shown and len(shown) < 5:
            shown.add(top)
            print("  not allowed: " + lines[0].split("== ", 1)[1] + "\n    " + "\n    ".join(frames[:6]), file=sys.stderr)
print(f"allowed {allowed} other {other}")
PY
}
memcheck_sign() {  # variant (library: PKCS#1 v1.5; pss: RSASSA-PSS, a random salt) key.der
    local name="signing" log="$work/sign-$1.log"
    [[ $1 == pss ]] && name="PSS signing"
    valgrind --leak-check=no --num-callers=30 "$bin" memcheck-sign "$1" "$2" >"$log" 2>&1
    summary=$(grep -o "^memcheck-sign $1.*" "$log")
    verdict=$(classify "$log" 2>"$log.why")
    # The release decision must be seen (a report per signature at least): zero allowed reports
    # would mean the stacks were not recognised, not that signing is cleaner.
    if [[ -n "$summary" && "$verdict" == *" other 0" && "$verdict" != "allowed 0 "* ]]; then
        echo "ok: $(basename "$2") — $name branches on secrets only at the release decision ($verdict); [$summary]"
    else
        fail "$(basename "$2"): $name depends on secrets outside the release decision ($verdict; $summary)"
        cat "$log.why"
    fi
}
for key in "${keys[@]}"; do memcheck_sign library "$key"; done
# RSASSA-PSS (PS256): the same core and check before release, the EMSA-PSS encoding.
for key in "${keys[0]}" "${keys[2]}"; do memcheck_sign pss "$key"; done
valgrind --leak-check=no --num-callers=30 "$bin" memcheck-sign leaky "${keys[0]}" >"$work/leaky-sign.log" 2>&1
verdict=$(classify "$work/leaky-sign.log" 2>/dev/null)
if [[ "$verdict" != *" other 0" ]]; then
    echo "ok: leaky signing flagged ($verdict)"
else
    fail "memcheck did not flag the leaky signing (the check cannot fail?): $verdict"
fi

echo "== (d) callgrind: instruction counts of one signing across keys and messages"
count_sign() {  # variant key seed
    valgrind --tool=callgrind --callgrind-out-file="$work/cgs.$1.$(basename "$2").$3" \
        --toggle-collect='*measureSigning*' "$bin" count-sign "$1" "$2" "$3" >/dev/null 2>&1
    own_count "$work/cgs.$1.$(basename "$2").$3"
}
counts=()
for key in "${keys[0]}" "${keys[1]}"; do for seed in 0 1 2; do counts+=("$(count_sign library "$key" "$seed")"); done; done
if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" == 1 && "${counts[0]}" -gt 1000000 ]]; then
    echo "ok: 2048 bits, two keys × three messages — ${counts[0]} instructions for every signing"
else
    fail "2048-bit signing counts differ across keys/messages: ${counts[*]}"
fi
counts=()
for seed in 0 1 2; do counts+=("$(count_sign library "${keys[2]}" "$seed")"); done
if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" == 1 && "${counts[0]}" -gt 1000000 ]]; then
    echo "ok: 2051 bits, three messages — ${counts[0]} instructions for every signing"
else
    fail "2051-bit signing counts differ across messages: ${counts[*]}"
fi
counts=()
for key in "${keys[0]}" "${keys[1]}"; do for seed in 0 1; do counts+=("$(count_sign pss "$key" "$seed")"); done; done
if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" == 1 && "${counts[0]}" -gt 1000000 ]]; then
    echo "ok: PSS, 2048 bits, two keys × two messages (a fresh salt each) — ${counts[0]} instructions for every signing"
else
    fail "2048-bit PSS signing counts differ across keys/messages/salts: ${counts[*]}"
fi
counts=()
for key in "${keys[0]}" "${keys[1]}"; do counts+=("$(count_sign leaky "$key" 0)"); done
if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" -gt 1 ]]; then
    echo "ok: leaky signing flagged — counts ${counts[*]}"
else
    fail "callgrind saw equal counts for the leaky signing (the check cannot fail?): ${counts[*]}"
fi

echo "== (e) memcheck: key generation's sieve and one Miller–Rabin round on a secret prime"
# The primes p and q of two keys (1024 bits: 16 limbs; 1026 and 1025 bits: 17 limbs, the generic
# kernel) survive the sieve, so every group of divisors runs. The documented declassification
# points, found by their source text (a change to that text fails here rather than passing):
#   TrialDivision.hasSmallFactor — "a divisor in this group divides w", once per group of
#     `groupSize` divisors (exactly ceil(3511 / groupSize) times per candidate);
#   MillerRabin.Candidate.init — "w ≡ 1 (mod 2^64)", once per candidate;
#   MillerRabin.isProbablePrime — "the base is in [2, w − 2]", once per draw (≥ 1 per round),
#     and the round's verdict, once per round.
# Release disassembly (objdump -d --no-show-raw-insn TrialDivision.swift.o, Swift 6.3.1 -O,
# x86_64): the inner loop of the specialised hasSmallFactor is, per limb, mov (limb at a public
# index), shld, mul, imul, sub, shl, or, mul, imul, sub, on a public loop counter; residueIs
# became test/sete/cmp/sete/or/movzbl (flags, no branch); the only branch on the residues is the
# group verdict (test; jne). The one `div` in the object divides 2^64 − 1 by each public small
# prime when the table is built (the Barrett constants); MillerRabin.swift.o,
# PrimeGeneration.swift.o and RSAPrivateKey+Generation.swift.o contain no div at all.
# Not run here: the "≡ 1 mod 65537" check (same residue code, not reachable through the SPI) and
# the specialisation for SystemRandomNumberGenerator (the SPI runs the generic one; the
# arithmetic it calls is the same non-generic code).
src=../../Sources/PureRSA/KeyGeneration
point() {  # file text: "file:line" of the one line holding text
    local lines
    lines=$(grep -nF -- "$2" "$src/$1" | cut -d: -f1)
    [[ $(wc -w <<<"$lines") == 1 ]] || { echo "constant-time: cannot find the declassification point '$2' in $1" >&2; exit 1; }
    echo "$1:$lines"
}
group_size=$(sed -n 's/.*static let groupSize = \([0-9]*\).*/\1/p' "$src/TrialDivision.swift")
[[ -n "$group_size" ]] || { echo "constant-time: cannot read TrialDivision.groupSize" >&2; exit 1; }
sieve_point=$(point TrialDivision.swift 'if divides != 0 { return true }')
low_point=$(point MillerRabin.swift 'guard lowLimb != 0 else { return nil }')
draw_point=$(point MillerRabin.swift 'if !inRange.declassified() {')
verdict_point=$(point MillerRabin.swift 'if !isStrongProbablePrime(w, base: b).declassified() { return false }')
keygen_points="$sieve_point $low_point $draw_point $verdict_point"
classify_keygen() {  # log candidates: "allowed COUNTS other M" from memcheck's -s list of contexts
    python3 - "$1" "$2" "$(( (3511 + group_size - 1) / group_size ))" $keygen_points <<'PY'
import re, sys
log, candidates, groups, points = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
sieve, low, draw, verdict = points
counts, other, shown = dict.fromkeys(points, 0), 0, 0
listing = open(log).read().split("ERROR SUMMARY", 1)[-1]
for n, block in re.findall(r"==\d+== (\d+) errors in context \d+ of \d+:\n(.*?)\n==\d+== \n", listing, re.S):
    lines = block.splitlines()
    frames = [re.sub(r"^==\d+==\s+(at|by) 0x[0-9A-F]+: ", "", l) for l in lines[1:]]
    where = re.search(r"\((\S+:\d+)\)$", frames[0])
    if "Conditional jump" in lines[0] and where and where.group(1) in counts:
        counts[where.group(1)] += int(n)
    else:
        other += int(n)
        if shown < 5:
            shown += 1
            print("  not allowed (" + n + "×): " + lines[0].split("== ", 1)[1] + "\n    " + "\n    ".join(frames[:6]), file=sys.stderr)
expected = {sieve: groups * candidates, low: candidates, verdict: candidates}
for point, count in expected.items():
    if counts[point] != count:
        other += 1
        print(f"  {point}: {counts[point]} reports, expected exactly {count}", file=sys.stderr)
if counts[draw] < candidates:
    other += 1
    print(f"  {draw}: {counts[draw]} reports, expected at least one per candidate", file=sys.stderr)
print("allowed " + ", ".join(f"{p} ×{c}" for p, c in counts.items()) + f" other {other}")
PY
}
for key in "${keys[0]}" "${keys[2]}"; do
    valgrind -s --leak-check=no --num-callers=30 "$bin" memcheck-keygen library "$key" >"$work/keygen.log" 2>&1
    summary=$(grep -o '^memcheck-keygen library.*' "$work/keygen.log" || true)
    verdict=$(classify_keygen "$work/keygen.log" 2 2>"$work/keygen.why")
    if [[ "$summary" == *"sieve passed"*"probable prime"*"sieve passed"*"probable prime"* && "$verdict" == *" other 0" ]]; then
        echo "ok: $(basename "$key") primes — branches on the secret candidate only at the documented verdicts ($verdict)"
    else
        fail "$(basename "$key") primes: key generation depends on secrets outside the documented verdicts ($verdict; $summary)"
        cat "$work/keygen.why"
    fi
done
valgrind -s --leak-check=no --num-callers=30 "$bin" memcheck-keygen leaky "${keys[0]}" >"$work/leaky-keygen.log" 2>&1
verdict=$(classify_keygen "$work/leaky-keygen.log" 2 2>/dev/null)
if [[ "$verdict" != *" other 0" ]] && grep -q 'leakyHasSmallFactor' "$work/leaky-keygen.log" && grep -q 'leakyMillerRabin' "$work/leaky-keygen.log"; then
    echo "ok: leaky sieve and Miller–Rabin flagged (${verdict##* other } reports outside the verdicts)"
else
    fail "memcheck did not flag the leaky sieve and Miller–Rabin (the check cannot fail?): $verdict"
fi

echo "== (f) memcheck: P-256 d·G with d undefined"
classify_p256() {  # log keys: "allowed C site(s) × K keys other M". Allowed: a conditional jump
                   # whose top frame is Scalar(nonZeroBigEndianBytes:) or PrivateKey.init — the
                   # guard on "0 < d < n" — and each such site reported exactly once per key.
    python3 - "$1" "$2" <<'PY'
import re, sys
text, keys = open(sys.argv[1]).read(), int(sys.argv[2])
allowed, other, shown = 0, 0, 0
for block in re.split(r"==\d+== \n", text):
    lines = [l for l in block.splitlines() if l.startswith("==")]
    if not lines or "uninitialised" not in lines[0] or not re.search("measureP256", block):
        continue
    frames = [re.sub(r"^==\d+==\s+(at|by) 0x[0-9A-F]+: ", "", l) for l in lines[1:]]
    if lines[0].split("== ", 1)[1].startswith("Conditional jump") and re.search(
            "ScalarV21nonZeroBigEndianBytes|PrivateKeyV17rawRepresentation", frames[0]):
        allowed += 1
    else:
        other += 1
        if shown < 5:
            shown += 1
            print("  not allowed: " + lines[0].split("== ", 1)[1] + "\n    " + "\n    ".join(frames[:6]), file=sys.stderr)
summary = re.search(r"ERROR SUMMARY: (\d+) errors from (\d+) contexts", text)
total = int(summary.group(1)) if summary else -1
if total != allowed * keys:
    other += 1
    print(f"  {total} reports in all, expected {allowed} site(s) × {keys} keys", file=sys.stderr)
print(f"allowed {allowed} site(s) × {keys} keys other {other}")
PY
}
valgrind --leak-check=no --num-callers=30 "$bin" memcheck-p256 library >"$work/p256.log" 2>&1
summary=$(grep -o '^memcheck-p256 library.*' "$work/p256.log" || true)
verdict=$(classify_p256 "$work/p256.log" 4 2>"$work/p256.why")
if [[ -n "$summary" && "$verdict" == *" other 0" && "$verdict" != "allowed 0 "* ]]; then
    echo "ok: P-256 d·G branches on d only at the range guard, once per key ($verdict); [$summary]"
else
    fail "P-256 d·G depends on d outside the range guard ($verdict; $summary)"
    cat "$work/p256.why"
fi
valgrind --leak-check=no --num-callers=30 "$bin" memcheck-p256 leaky >"$work/leaky-p256.log" 2>&1
verdict=$(classify_p256 "$work/leaky-p256.log" 4 2>/dev/null)
if [[ "$verdict" != *" other 0" ]]; then
    echo "ok: leaky P-256 control flagged ($verdict)"
else
    fail "memcheck did not flag the leaky P-256 control (the check cannot fail?): $verdict"
fi

echo "== (g) callgrind: instruction counts of P-256 d·G across secrets"
count_p256() {  # variant seed
    valgrind --tool=callgrind --callgrind-out-file="$work/cgp.$1.$2" \
        --toggle-collect='*measureP256*' "$bin" count-p256 "$1" "$2" >/dev/null 2>&1
    own_count "$work/cgp.$1.$2"
}
counts=()
for seed in 0 1 2 3; do counts+=("$(count_p256 library "$seed")"); done
if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" == 1 && "${counts[0]}" -gt 100000 ]]; then
    echo "ok: P-256 d·G — ${counts[0]} instructions for d = 1, n − 1 and two random values"
else
    fail "P-256 d·G counts differ across secrets: ${counts[*]}"
fi
counts=()
for seed in 0 1 2; do counts+=("$(count_p256 leaky "$seed")"); done
if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" -gt 1 ]]; then
    echo "ok: leaky P-256 control flagged — counts ${counts[*]}"
else
    fail "callgrind saw equal counts for the leaky P-256 control (the check cannot fail?): ${counts[*]}"
fi

echo "== (h) memcheck: HMAC verification, key and received tag undefined"
if valgrind -q --error-exitcode=3 --leak-check=no "$bin" memcheck-hmac library >"$work/hmac.log" 2>&1; then
    echo "ok: no branch or address depends on the key or the tag ($(tail -1 "$work/hmac.log"))"
else
    fail "memcheck reports secret-dependent branches or addresses in HMAC verification:"
    cat "$work/hmac.log"
fi
if valgrind -q --error-exitcode=3 --leak-check=no "$bin" memcheck-hmac leaky >"$work/leaky-hmac.log" 2>&1; then
    fail "memcheck did not flag the early-exit tag comparison (the check cannot fail?)"
elif grep -q "Conditional jump or move depends on uninitialised value" "$work/leaky-hmac.log"; then
    echo "ok: early-exit comparison flagged ($(grep -c 'depends on uninitialised' "$work/leaky-hmac.log") report(s))"
else
    fail "the leaky HMAC run failed for another reason:"
    cat "$work/leaky-hmac.log"
fi

echo "== (i) callgrind: instruction counts of HMAC verification across tags and keys"
count_hmac() {  # variant seed
    valgrind --tool=callgrind --callgrind-out-file="$work/cgh.$1.$2" \
        --toggle-collect='*measureHMAC*' "$bin" count-hmac "$1" "$2" >/dev/null 2>&1
    own_count "$work/cgh.$1.$2"
}
counts=()
for seed in 0 1 2 3; do counts+=("$(count_hmac library "$seed")"); done
if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" == 1 && "${counts[0]}" -gt 50000 ]]; then
    echo "ok: right tag, wrong first/last/every byte, four keys — ${counts[0]} instructions for every verification"
else
    fail "HMAC verification counts differ across tags/keys: ${counts[*]}"
fi
counts=()
for seed in 0 1; do counts+=("$(count_hmac leaky "$seed")"); done
if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" -gt 1 ]]; then
    echo "ok: early-exit comparison flagged — counts ${counts[*]}"
else
    fail "callgrind saw equal counts for the early-exit comparison (the check cannot fail?): ${counts[*]}"
fi

echo "== (j) memcheck: ECDSA P-256 signing, d and k undefined"
# Two keys × three digests; d undefined from the key's bytes on (so the RFC 6979 nonce, an HMAC
# over d, is undefined too), or d and an explicit nonce k undefined (signature(digest:nonce:),
# the primitive under RFC 6979, through the SPI P256ConstantTimeHooks). The declassifications
# the library documents (Sources/PureP256/ECDSA.swift and RFC6979.swift), each a conditional
# jump at the guard's source line, counted per site (the top frame's address) in memcheck's -s
# listing of contexts:
#   range guard — Scalar(nonZeroBigEndianBytes:), "0 < d < n" when the key is made (each site
#     exactly once per key) and "1 ≤ k < n" for the nonce (each site exactly once per signature);
#   "r = 0 or s = 0" — ECDSA.sign's guard on the declassified Choice, once per signature;
#   the check before release — ECDSA.verify on the finished signature (r, s), the public digest
#     and the public key: everything it computes is public (r and s are released when it says
#     yes), and it is variable time by design, so any report inside it is allowed (at least
#     one per signature must be seen: its verdict).
# Nothing else may be reported: no branch or address in the DRBG, k·G, the inversions or the
# signature equation depends on d or k.
# The guards are found by their source text, as in (e) (a change to that text fails here).
p256_point() {  # file text: "file:line" of the one line holding text
    local lines
    lines=$(grep -nF -- "$2" "../../Sources/PureP256/$1" | cut -d: -f1)
    [[ $(wc -w <<<"$lines") == 1 ]] || { echo "constant-time: cannot find the declassification point '$2' in $1" >&2; exit 1; }
    echo "$1:$lines"
}
range_point=$(p256_point Scalar.swift 'guard valid.declassified() else { return nil }')
rs_point=$(p256_point ECDSA.swift 'guard !(r.isZero | s.isZero).declassified() else { throw .nonceUnusable }')
rejection_point=$(p256_point KeyGeneration.swift 'guard accepted.declassified() else { continue }')
classify_ecdsa() {  # log keys signatures: "allowed KIND ×N (S sites)… other M"
    python3 - "$1" "$2" "$3" "$range_point" "$rs_point" <<'PY'
import re, sys
log, keys, signatures = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
at_range, at_rs = (re.compile(r"[(/]" + re.escape(p) + r"\)$") for p in sys.argv[4:6])
expected = {"d-guard": keys, "k-guard": signatures, "rs-zero": signatures, "self-check": None}
sites, other, shown = {}, 0, 0  # (kind, top frame's address) -> reports
listing = open(log).read().split("ERROR SUMMARY", 1)[-1]
for n, block in re.findall(r"==\d+== (\d+) errors in context \d+ of \d+:\n(.*?)\n==\d+== \n", listing, re.S):
    lines = block.splitlines()
    frames = [re.sub(r"^==\d+==\s+(at|by) 0x[0-9A-F]+: ", "", l) for l in lines[1:]]
    address = re.search(r"0x[0-9A-F]+", lines[1]).group(0) if len(lines) > 1 else "?"
    jump, kind = "Conditional jump" in lines[0], None
    if any(re.search(r"ECDSAO6verify|^verify \(", f) for f in frames):
        kind = "self-check"  # branches and addresses: everything in it is public
    elif jump and at_range.search(frames[0]):
        if any("PrivateKeyV17rawRepresentation" in f for f in frames):
            kind = "d-guard"
        elif any(re.search(r"PrivateKeyV9signature6digest5nonce|^signature \(\S*ECDSA\.swift:\d+\)$", f) for f in frames):
            kind = "k-guard"
    elif jump and at_rs.search(frames[0]):
        kind = "rs-zero"
    if kind:
        sites[(kind, address)] = sites.get((kind, address), 0) + int(n)
    else:
        other += int(n)
        if shown < 5:
            shown += 1
            print(f"  not allowed ({n}×): " + lines[0].split("== ", 1)[1] + "\n    " + "\n    ".join(frames[:8]), file=sys.stderr)
totals = dict.fromkeys(expected, 0)
for (kind, address), count in sites.items():
    totals[kind] += count
    if expected[kind] is not None and count != expected[kind]:
        other += 1
        print(f"  {kind} at {address}: {count} reports, expected exactly {expected[kind]}", file=sys.stderr)
for kind, count in totals.items():
    if count == 0:
        other += 1
        print(f"  {kind}: no report at all (the stacks were not recognised?)", file=sys.stderr)
if totals["self-check"] < signatures:
    other += 1
    print(f"  self-check: {totals['self-check']} reports, expected at least one per signature", file=sys.stderr)
summary = ", ".join(f"{k} ×{c} ({sum(1 for s in sites if s[0] == k)} sites)" for k, c in totals.items())
print(f"allowed {summary} other {other}")
PY
}
for mode in d k; do
    valgrind -s --leak-check=no --num-callers=30 "$bin" memcheck-ecdsa library "$mode" >"$work/ecdsa-$mode.log" 2>&1
    summary=$(grep -o "^memcheck-ecdsa library $mode.*" "$work/ecdsa-$mode.log" || true)
    verdict=$(classify_ecdsa "$work/ecdsa-$mode.log" 2 6 2>"$work/ecdsa-$mode.why")
    what="d secret, RFC 6979 signing"
    [[ $mode == k ]] && what="d and an explicit nonce k secret"
    if [[ -n "$summary" && "$verdict" == *" other 0" ]]; then
        echo "ok: ECDSA ($what) branches on secrets only at the documented points ($verdict); [$summary]"
    else
        fail "ECDSA ($what) depends on secrets outside the documented points ($verdict; $summary)"
        cat "$work/ecdsa-$mode.why"
    fi
done
# The control: 4 bits of d and 4 of k decide whether an extra signing runs.
valgrind -s --leak-check=no --num-callers=30 "$bin" memcheck-ecdsa leaky k >"$work/leaky-ecdsa.log" 2>&1
verdict=$(classify_ecdsa "$work/leaky-ecdsa.log" 2 6 2>/dev/null)
if [[ "$verdict" != *" other 0" ]] && grep -q measureECDSA "$work/leaky-ecdsa.log"; then
    echo "ok: leaky ECDSA control flagged ($verdict)"
else
    fail "memcheck did not flag the leaky ECDSA control (the check cannot fail?): $verdict"
fi

echo "== (k) callgrind: instruction counts of one ECDSA signing across keys, digests and nonces"
# The check before release (ECDSA.verify on the finished signature) is variable time on public
# values by design (see (j)), so the compared figure is one signing's count minus the count of
# that same check on the same signature (P256ConstantTimeHooks.checkBeforeRelease: the
# verification with the key's comb of Q that the signing path runs), each in its own run: what
# is left (the DRBG, the range guard, k·G, the inversions, the signature equation) must be the
# same for every key, digest and nonce.
# (A second --toggle-collect on ECDSA.verify does not exclude it: callgrind 3.19 kept counting
# its callees.)
count_ecdsa() {  # variant mode seed: signing minus verification
    valgrind --tool=callgrind --callgrind-out-file="$work/cge.$1.$2.$3" \
        --toggle-collect='*measureECDSA*' "$bin" count-ecdsa "$1" "$2" "$3" >/dev/null 2>&1
    valgrind --tool=callgrind --callgrind-out-file="$work/cgv.$2.$3" \
        --toggle-collect='*measureVerification*' "$bin" count-ecdsa-verification "$2" "$3" >/dev/null 2>&1
    echo $(( $(own_count "$work/cge.$1.$2.$3") - $(own_count "$work/cgv.$2.$3") ))
}
for mode in d k; do
    counts=()
    for seed in 0 1 2; do counts+=("$(count_ecdsa library "$mode" "$seed")"); done
    if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" == 1 && "${counts[0]}" -gt 100000 ]]; then
        echo "ok: ECDSA ($mode), two keys, three digests and nonces — ${counts[0]} instructions for every signing, beside its verification"
    else
        fail "ECDSA ($mode) signing counts differ across keys/digests/nonces: ${counts[*]}"
    fi
done
counts=()
for seed in 0 2; do counts+=("$(count_ecdsa leaky k "$seed")"); done
if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" -gt 1 ]]; then
    echo "ok: leaky ECDSA control flagged — counts ${counts[*]}"
else
    fail "callgrind saw equal counts for the leaky ECDSA control (the check cannot fail?): ${counts[*]}"
fi

echo "== (l) memcheck: P-256 key generation, the random words undefined"
# PrivateKey(using:) (FIPS 186-5 A.2.2, through the SPI P256ConstantTimeHooks.generateKey) with a
# generator whose every word is undefined. Allowed, each a conditional jump at the guard's source
# line, counted per site: the rejection "candidate > n − 2" (KeyGeneration.swift, its guard on the
# declassified Choice), once per candidate, and the range guard "0 < d < n" of
# PrivateKey(rawRepresentation:) (d = c + 1), once per key; d·G must not report.
classify_p256keygen() {  # log keys candidates: "allowed KIND ×N (S sites)… other M"
    python3 - "$1" "$2" "$3" "$range_point" "$rejection_point" <<'PY'
import re, sys
log, keys, candidates = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
at_range, at_rejection = (re.compile(r"[(/]" + re.escape(p) + r"\)$") for p in sys.argv[4:6])
expected = {"rejection": candidates, "d-guard": keys}
sites, other, shown = {}, 0, 0  # (kind, top frame's address) -> reports
listing = open(log).read().split("ERROR SUMMARY", 1)[-1]
for n, block in re.findall(r"==\d+== (\d+) errors in context \d+ of \d+:\n(.*?)\n==\d+== \n", listing, re.S):
    lines = block.splitlines()
    frames = [re.sub(r"^==\d+==\s+(at|by) 0x[0-9A-F]+: ", "", l) for l in lines[1:]]
    address = re.search(r"0x[0-9A-F]+", lines[1]).group(0) if len(lines) > 1 else "?"
    kind = None
    if "Conditional jump" in lines[0]:
        if at_range.search(frames[0]) and any("PrivateKeyV17rawRepresentation" in f for f in frames):
            kind = "d-guard"
        elif at_rejection.search(frames[0]):
            kind = "rejection"
    if kind:
        sites[(kind, address)] = sites.get((kind, address), 0) + int(n)
    else:
        other += int(n)
        if shown < 5:
            shown += 1
            print(f"  not allowed ({n}×): " + lines[0].split("== ", 1)[1] + "\n    " + "\n    ".join(frames[:8]), file=sys.stderr)
totals = dict.fromkeys(expected, 0)
for (kind, address), count in sites.items():
    totals[kind] += count
    if count != expected[kind]:
        other += 1
        print(f"  {kind} at {address}: {count} reports, expected exactly {expected[kind]}", file=sys.stderr)
for kind, count in totals.items():
    if count == 0:
        other += 1
        print(f"  {kind}: no report at all (the stacks were not recognised?)", file=sys.stderr)
summary = ", ".join(f"{k} ×{c} ({sum(1 for s in sites if s[0] == k)} sites)" for k, c in totals.items())
print(f"allowed {summary} other {other}")
PY
}
valgrind -s --leak-check=no --num-callers=30 "$bin" memcheck-p256keygen library >"$work/p256keygen.log" 2>&1
summary=$(grep -o '^memcheck-p256keygen library.*' "$work/p256keygen.log" || true)
candidates=$(sed -n 's/^memcheck-p256keygen library: 4 keys, \([0-9]*\) candidates.*/\1/p' "$work/p256keygen.log")
verdict=$(classify_p256keygen "$work/p256keygen.log" 4 "${candidates:-0}" 2>"$work/p256keygen.why")
# The generator's first candidate is 2^256 − 1: five candidates, one rejected.
if [[ -n "$summary" && "$candidates" == 5 && "$verdict" == *" other 0" ]]; then
    echo "ok: P-256 key generation branches on the random bits only at the rejection and the range guard ($verdict); [$summary]"
else
    fail "P-256 key generation depends on the random bits outside the documented points ($verdict; $summary)"
    cat "$work/p256keygen.why"
fi
valgrind -s --leak-check=no --num-callers=30 "$bin" memcheck-p256keygen leaky >"$work/leaky-p256keygen.log" 2>&1
verdict=$(classify_p256keygen "$work/leaky-p256keygen.log" 4 5 2>/dev/null)
if [[ "$verdict" != *" other 0" ]] && grep -q measureKeyGeneration "$work/leaky-p256keygen.log"; then
    echo "ok: leaky P-256 key generation control flagged ($verdict)"
else
    fail "memcheck did not flag the leaky P-256 key generation control (the check cannot fail?): $verdict"
fi

echo "== (m) callgrind: instruction counts of P-256 key generation across random draws"
count_p256keygen() {  # variant seed: prints "COUNT CANDIDATES"
    valgrind --tool=callgrind --callgrind-out-file="$work/cgk.$1.$2" \
        --toggle-collect='*measureKeyGeneration*' "$bin" count-p256keygen "$1" "$2" >"$work/cgk.$1.$2.out" 2>&1
    echo "$(own_count "$work/cgk.$1.$2") $(sed -n 's/.*: \([0-9]*\) candidate.*/\1/p' "$work/cgk.$1.$2.out")"
}
counts=()
for seed in 0 1 2; do
    read -r count candidates <<<"$(count_p256keygen library "$seed")"
    # Only keys accepted on the first draw are compared (a rejection costs one more draw, public).
    [[ "$candidates" == 1 ]] && counts+=("$count")
done
if [[ "${#counts[@]}" -ge 2 && "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" == 1 && "${counts[0]}" -gt 100000 ]]; then
    echo "ok: P-256 key generation, ${#counts[@]} keys accepted on the first draw — ${counts[0]} instructions for every key"
else
    fail "P-256 key generation counts differ across random draws (or too few first-draw keys): ${counts[*]}"
fi
counts=()
for seed in 0 1; do read -r count _ <<<"$(count_p256keygen leaky "$seed")"; counts+=("$count"); done
if [[ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" -gt 1 ]]; then
    echo "ok: leaky P-256 key generation control flagged — counts ${counts[*]}"
else
    fail "callgrind saw equal counts for the leaky P-256 key generation control (the check cannot fail?): ${counts[*]}"
fi

if [[ "$failures" -gt 0 ]]; then
    echo "constant-time: $failures check(s) FAILED"
    exit 1
fi
echo "constant-time: all checks passed"
