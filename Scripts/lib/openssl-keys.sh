# Shared by Scripts/differential.sh and Vectors/rsa-diff/generate.sh (source it; needs $work).
# OpenSSL 3 cannot make odd-size moduli such as 2049 or 3071 bits (both primes get
# floor(bits/2) bits), so build_key draws two `openssl prime` primes of ceil and floor
# bits/2, lets Python compute d and the CRT values, and has OpenSSL check the key.

modulus_bits() { openssl pkey -in "$1" -noout -text | sed -n 's/.*(\([0-9]*\) bit.*/\1/p' | head -1; }

build_key() {  # bits out: a key with exactly `bits` bits from two OpenSSL primes
    local bits=$1 out=$2 p q
    while :; do
        p=$(openssl prime -generate -bits $(((bits + 1) / 2)) -hex)
        q=$(openssl prime -generate -bits $((bits / 2)) -hex)
        python3 - "$bits" "$p" "$q" >"$work/key.conf" <<'PY' && break
import math, sys
bits, p, q = int(sys.argv[1]), int(sys.argv[2], 16), int(sys.argv[3], 16)
if p < q: p, q = q, p
n, e = p * q, 65537
lam = (p - 1) * (q - 1) // math.gcd(p - 1, q - 1)
if n.bit_length() != bits or p == q or math.gcd(e, lam) != 1: sys.exit(1)
d = pow(e, -1, lam)
print("asn1=SEQUENCE:key\n[key]\nversion=INTEGER:0")
for name, value in [("n", n), ("e", e), ("d", d), ("p", p), ("q", q),
                    ("dp", d % (p - 1)), ("dq", d % (q - 1)), ("qi", pow(q, -1, p))]:
    print(f"{name}=INTEGER:0x{value:X}")
PY
    done
    openssl asn1parse -genconf "$work/key.conf" -out "$work/key.der" -noout
    openssl pkey -inform DER -in "$work/key.der" -out "$out"
    openssl pkey -in "$out" -check -noout >/dev/null
}
