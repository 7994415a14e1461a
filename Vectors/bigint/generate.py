#!/usr/bin/env python3
"""Generate bigint_tests.txt: BigUInt test vectors with Python integers as the oracle.

Run from anywhere:  python3 Vectors/bigint/generate.py
The seed is fixed, so the output is byte-for-byte reproducible (Python 3.8+).

Format (BoringSSL's crypto/fipsmodule/bn test style): blocks of `Key = value` lines separated
by blank lines; the first key names the test. Values are lowercase hex without prefix ("0"
for zero), except N (shift count) and AddBacks, which are decimal.

  Sum = A + B                    A, B
  Product = A * B                A, B
  Quotient = A / B, Remainder = A mod B, AddBacks = how often Knuth's algorithm D (base 2^64,
      normalized divisor, as in TAOCP 4.3.1 and BigUInt+Division.swift) adds back in step D6
      (always 0 for single-limb divisors, which take the word-division path)   A, B
  LShift = A << N, RShift = A >> N     A, N
  GCD = gcd(A, B), LCM = lcm(A, B)     A, B
  ModInv = A^-1 mod M                  A, M          (gcd(A, M) == 1, M >= 2)
  NoModInv = 0 (no inverse exists)     A, M          (gcd(A, M) > 1)
  ModExp = A^E mod M                   A, E, M       (M >= 1; small public exponents mostly)
  Sqrt = isqrt(A)                      A
  Decimal = A in decimal               A
"""

import math
import os
import random

SEED = 20261129
B = 1 << 64
rng = random.Random(SEED)
out = []


def h(x):
    return format(x, "x")


def block(*pairs):
    out.append("\n".join(f"{k} = {v}" for k, v in pairs))


def comment(text):
    out.append("# " + text)


# --- Values -------------------------------------------------------------------------------

EDGES = [0, 1, 2, 3, B - 1, B, B + 1, 2 * B - 1, B * B - 1, B * B, B * B + 1,
         (1 << 127), (1 << 127) - 1, B ** 3 - 1, B ** 3, 1 << 191]


def rand_value(bits):
    """A random value of about `bits` bits, in one of several shapes."""
    if bits <= 0:
        return 0
    shape = rng.randrange(6)
    if shape == 0:  # uniform with the top bit set
        return rng.getrandbits(bits) | (1 << (bits - 1))
    if shape == 1:  # all ones
        return (1 << bits) - 1
    if shape == 2:  # sparse: a few set bits
        x = 1 << (bits - 1)
        for _ in range(rng.randrange(1, 5)):
            x |= 1 << rng.randrange(bits)
        return x
    if shape == 3:  # top limb 1 (or small), rest random
        limbs = (bits + 63) // 64
        return (1 << (64 * (limbs - 1))) | rng.getrandbits(64 * (limbs - 1))
    if shape == 4:  # random limbs, some of them 0 or all ones
        limbs = (bits + 63) // 64
        x = 0
        for i in range(limbs):
            x |= rng.choice([0, B - 1, rng.getrandbits(64), 1]) << (64 * i)
        return x | (1 << (bits - 1))
    return rng.getrandbits(bits)  # uniform, may be shorter


SIZES = [1, 7, 63, 64, 65, 127, 128, 129, 191, 192, 256, 500, 512, 1024, 1025, 2048, 3072, 4096,
         8192]


def rand_size():
    return rng.choice(SIZES + [rng.randrange(1, 600)])


# --- Instrumented Knuth D -----------------------------------------------------------------

def to_limbs(x):
    limbs = []
    while x:
        limbs.append(x & (B - 1))
        x >>= 64
    return limbs


BRANCHES = {"qhat = 2^64 - 1 (top limbs equal)": 0, "rhat overflowed a word": 0,
            "qhat refined once": 0, "qhat refined twice": 0, "add back": 0}


def knuth_add_backs(a, b, record=False):
    """Runs Algorithm D exactly as BigUInt+Division.swift does and counts step D6 add-backs.
    Also checks its quotient and remainder against divmod. With `record`, tallies in BRANCHES
    which rare branches this division took."""
    if b >= B and a >= b:
        u, v = to_limbs(a), to_limbs(b)
        n, m = len(v), len(u) - len(v)
        s = 64 - v[-1].bit_length()
        vn = to_limbs(b << s)
        un = to_limbs(a << s)
        un += [0] * (len(u) + 1 - len(un))
        q = [0] * (m + 1)
        add_backs = 0
        for j in range(m, -1, -1):
            top = un[j + n] * B + un[j + n - 1]
            if un[j + n] >= vn[n - 1]:
                qhat = B - 1
                rhat = top - qhat * vn[n - 1]
                BRANCHES["qhat = 2^64 - 1 (top limbs equal)"] += record
            else:
                qhat, rhat = divmod(top, vn[n - 1])
            refinements = 0
            while rhat < B and qhat * vn[n - 2] > rhat * B + un[j + n - 2]:
                qhat -= 1
                rhat += vn[n - 1]
                refinements += 1
            BRANCHES["rhat overflowed a word"] += record and rhat >= B
            BRANCHES["qhat refined once"] += record and refinements == 1
            BRANCHES["qhat refined twice"] += record and refinements == 2
            window = sum(un[j + i] << (64 * i) for i in range(n + 1))
            window -= qhat * sum(vn[i] << (64 * i) for i in range(n))
            if window < 0:
                BRANCHES["add back"] += record
                add_backs += 1
                qhat -= 1
                window += b << s
            assert 0 <= window < (b << s)
            for i in range(n + 1):
                un[j + i] = (window >> (64 * i)) & (B - 1)
            q[j] = qhat
        quotient = sum(d << (64 * i) for i, d in enumerate(q))
        remainder = sum(d << (64 * i) for i, d in enumerate(un)) >> s
        assert (quotient, remainder) == divmod(a, b)
        return add_backs
    return 0


def division(a, b):
    qq, rr = divmod(a, b)
    block(("Quotient", h(qq)), ("Remainder", h(rr)), ("AddBacks", knuth_add_backs(a, b, record=True)),
          ("A", h(a)), ("B", h(b)))


def add_back_candidate():
    """Constructs a dividend/divisor pair whose first quotient digit is over-estimated by one
    after D3's refinement. In the normalized domain, with divisor vn = V2·B^(n−2) + L (V2 its
    top two limbs, L ≥ 1 the rest), a window W = qhat·vn − delta with 1 ≤ delta ≤ qhat·L has
    top three limbs ≥ qhat·V2, so D3 settles on qhat, while the true digit is qhat − 1. The
    remaining dividend limbs are random, so later steps are as they come; a random shift
    (the normalization) and random shapes make the rest. Every candidate is checked by
    knuth_add_backs; only the ones that really add back are kept."""
    n = rng.randrange(2, 9)
    m = rng.randrange(0, 6)
    s = rng.choice([0, 0, 1, 13, 32, 63, rng.randrange(64)])
    v2 = (1 << 127) | rng.getrandbits(127)
    low_bits = 64 * (n - 2)
    if low_bits == 0:
        # n == 2: L is empty, so make the over-estimate come from the third limb instead:
        # no construction applies; fall back to a random normalized divisor.
        vn = v2 & ~((1 << s) - 1)
        w = rng.getrandbits(64 * 3) % (vn * B)
    else:
        L = rng.choice([rng.getrandbits(low_bits), (1 << low_bits) - 1,
                        rng.getrandbits(rng.randrange(1, low_bits + 1))])
        L &= ~((1 << s) - 1)
        if L == 0:
            L = 1 << s
        vn = (v2 << low_bits) | L
        if s > 0:
            # Keep the shifted-out part of the window below 2^s so the dividend has m+n limbs.
            qhat = rng.randrange(2, 1 << min(64, s + 1))
        else:
            qhat = rng.choice([B - 1, B - 2, rng.randrange(2, B), rng.randrange(2, 1000)])
        qhat = min(qhat, B - 1)
        delta = rng.randrange(1, min(vn, qhat * L) + 1)
        delta &= ~((1 << s) - 1)
        if delta == 0:
            delta = 1 << s
        w = qhat * vn - delta
        if w < 0:
            return None
    un = (w << (64 * m)) | (rng.getrandbits(64 * m) & ~((1 << s) - 1))
    a, b = un >> s, vn >> s
    if a < b or b < B:
        return None
    return a, b


# --- Blocks -------------------------------------------------------------------------------

comment(f"Generated by Vectors/bigint/generate.py (seed {SEED}); Python integers are the oracle.")
comment("Do not edit by hand: change the script and run it again.")

comment("Sums")
for a in EDGES:
    for b in [0, 1, B - 1, B * B - 1]:
        block(("Sum", h(a + b)), ("A", h(a)), ("B", h(b)))
for _ in range(60):
    a, b = rand_value(rand_size()), rand_value(rand_size())
    block(("Sum", h(a + b)), ("A", h(a)), ("B", h(b)))

comment("Products")
for a in EDGES:
    for b in [0, 1, B - 1, B + 1, B * B - 1]:
        block(("Product", h(a * b)), ("A", h(a)), ("B", h(b)))
for _ in range(60):
    a, b = rand_value(rand_size()), rand_value(rand_size())
    block(("Product", h(a * b)), ("A", h(a)), ("B", h(b)))

comment("Quotients and remainders: edges")
for a in EDGES:
    for b in [1, 2, 3, B - 1, B, B + 1, B * B - 1, B * B + 1]:
        division(a, b)
comment("Quotients and remainders: a < b, a == b, exact multiples, remainder b - 1")
for _ in range(25):
    b = rand_value(rand_size())
    if b == 0:
        b = 1
    q = rand_value(rand_size())
    division(b - 1, b)
    division(b, b)
    division(q * b, b)
    division(q * b + b - 1, b)
comment("Quotients and remainders: divisors with high limb 1, and with all-ones high limb")
for _ in range(25):
    limbs = rng.randrange(2, 70)
    b = (1 << (64 * (limbs - 1))) | rng.getrandbits(64 * (limbs - 1))
    a = rand_value(rng.randrange(64 * limbs, 8193))
    division(a, b)
    b2 = ((B - 1) << (64 * (limbs - 1))) | rng.getrandbits(64 * (limbs - 1))
    division(a, b2)
comment("Quotients and remainders: random shapes and unequal lengths up to 8192 bits")
for _ in range(80):
    a, b = rand_value(rand_size()), rand_value(rand_size())
    if b == 0:
        b = 1
    if a < b and rng.random() < 0.7:
        a, b = b, a
    division(a, b)

comment("Quotients and remainders that reach Knuth D's add-back step (D6).")
comment("Random 64-bit-limb operands hit it with probability about 2^-63, so the script builds")
comment("candidates (see add_back_candidate) and keeps those its instrumented algorithm D confirms.")
kept, tried, by_shift = 0, 0, set()
while kept < 24:
    tried += 1
    pair = add_back_candidate()
    if pair is None:
        continue
    a, b = pair
    if knuth_add_backs(a, b) > 0:
        division(a, b)
        kept += 1
        by_shift.add(64 - to_limbs(b)[-1].bit_length())
assert len(by_shift) > 1
comment(f"({kept} kept out of {tried} candidates; normalization shifts seen: {sorted(by_shift)})")
uniform_hits = sum(knuth_add_backs(rng.getrandbits(1024), rng.getrandbits(512) | 1 << 511) > 0
                   for _ in range(2000))
shaped_hits = sum(knuth_add_backs(rand_value(1024), rand_value(512) | 1) > 0 for _ in range(2000))
comment(f"(for comparison, of 2000 uniform 1024/512-bit divisions {uniform_hits} added back; of 2000")
comment(f"with structured operands (all-ones, sparse, zero limbs) {shaped_hits} did)")
comment("Algorithm D steps (j) in this file's divisions that took each rare branch: "
        + "; ".join(f"{name}: {count}" for name, count in BRANCHES.items()))
assert all(BRANCHES.values())

comment("Shifts")
for a in [0, 1, B - 1, B, B * B - 1]:
    for n in [0, 1, 63, 64, 65, 127, 128, 129, 200]:
        block(("LShift", h(a << n)), ("A", h(a)), ("N", n))
        block(("RShift", h(a >> n)), ("A", h(a)), ("N", n))
for _ in range(40):
    a = rand_value(rand_size())
    n = rng.choice([rng.randrange(0, 64), rng.randrange(0, 300), rng.randrange(0, 9000)])
    block(("LShift", h(a << n)), ("A", h(a)), ("N", n))
    block(("RShift", h(a >> n)), ("A", h(a)), ("N", n))

comment("GCD and LCM")
for a, b in [(0, 0), (0, 1), (1, 0), (0, B), (B, B), (B - 1, B + 1), (B * B - 1, B - 1),
             (1 << 200, 1 << 100), (12, 18)]:
    block(("GCD", h(math.gcd(a, b))), ("LCM", h(a * b // math.gcd(a, b) if a and b else 0)),
          ("A", h(a)), ("B", h(b)))
for _ in range(40):
    g = rand_value(rng.randrange(1, 300))
    a = rand_value(rand_size()) * g
    b = rand_value(rand_size()) * g
    block(("GCD", h(math.gcd(a, b))), ("LCM", h(a * b // math.gcd(a, b) if a and b else 0)),
          ("A", h(a)), ("B", h(b)))

comment("Modular inverses (odd and even moduli, A larger than M, A = 1, M = 2)")
for a, m in [(1, 2), (1, 3), (2, 3), (3, 7), (B - 1, B), (B + 1, B * B), (5, 1 << 200), (B, B - 1)]:
    block(("ModInv", h(pow(a, -1, m))), ("A", h(a)), ("M", h(m)))
count = 0
while count < 50:
    m = rand_value(rand_size())
    a = rand_value(rand_size())
    if m < 2 or math.gcd(a, m) != 1:
        continue
    block(("ModInv", h(pow(a, -1, m))), ("A", h(a)), ("M", h(m)))
    count += 1
comment("No inverse: A and M share a factor (A = 0 included)")
for a, m in [(0, 2), (0, B + 1), (2, 4), (B, 2), (6, 9)]:
    block(("NoModInv", "0"), ("A", h(a)), ("M", h(m)))
for _ in range(10):
    g = rand_value(rng.randrange(2, 200)) | 2
    block(("NoModInv", "0"), ("A", h(rand_value(rand_size()) * g)), ("M", h(rand_value(rand_size()) * g)))

comment("Modular exponentiation (variable-time power): small public exponents, edges")
for a, e, m in [(0, 0, 7), (0, 5, 7), (5, 0, 7), (5, 0, 1), (5, 3, 1), (B - 1, 2, B), (B + 5, 65537, B - 1),
                (2, 65537, (1 << 2048) - 1), (3, B - 1, 1 << 128)]:
    block(("ModExp", h(pow(a, e, m))), ("A", h(a)), ("E", h(e)), ("M", h(m)))
for bits in [64, 128, 512, 1024, 2048, 3072, 4096, 8192]:
    for e in [3, 17, 65537, rng.getrandbits(32) | 1]:
        m = rand_value(bits) | 1
        a = rng.getrandbits(bits + rng.choice([-8, 0, 8]))
        block(("ModExp", h(pow(a, e, m))), ("A", h(a)), ("E", h(e)), ("M", h(m)))
comment("Even moduli and full-size exponents on small moduli")
for _ in range(12):
    bits = rng.choice([64, 65, 128, 256, 521, 1024])
    m = rand_value(bits)
    if m == 0:
        m = 2
    e = rand_value(rng.choice([16, 64, 200, bits]))
    a = rng.getrandbits(bits)
    block(("ModExp", h(pow(a, e, m))), ("A", h(a)), ("E", h(e)), ("M", h(m)))

comment("Integer square roots")
for a in [0, 1, 2, 3, 4, 15, 16, 17, B - 1, B, B * B - 1, B * B, (B * B - 1) ** 2, ((1 << 100) + 1) ** 2 - 1]:
    block(("Sqrt", h(math.isqrt(a))), ("A", h(a)))
for _ in range(20):
    a = rand_value(rand_size())
    block(("Sqrt", h(math.isqrt(a))), ("A", h(a)))

comment("Decimal text")
for a in [0, 1, 9, 10, 10 ** 19 - 1, 10 ** 19, 10 ** 19 + 1, B - 1, B, 10 ** 38, 10 ** 57 - 1]:
    block(("Decimal", str(a)), ("A", h(a)))
for _ in range(20):
    a = rand_value(rand_size())
    block(("Decimal", str(a)), ("A", h(a)))

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bigint_tests.txt")
with open(path, "w") as f:
    f.write("\n\n".join(out) + "\n")
print(f"wrote {path}: {sum(1 for b in out if not b.startswith('#'))} blocks; add-back cases kept "
      f"{kept} of {tried} candidates")
