#!/usr/bin/env bash
# Makes the RSA key vectors in this folder (everything except demo-rsa-2048*, which stay as
# they are). Re-running makes NEW random keys; commit the output together.
#
# Tools: OpenSSL 3 (`openssl`) makes every key and derived form; Python `cryptography` reads
# each private key independently and writes its integers as the oracle rsa-<bits>.json.
# The refuse/ folder holds real files the loader must refuse (encrypted, EC, Ed25519,
# RSA-PSS, three primes, a certificate) and one it must accept with a note (PKCS#8 whose
# rsaEncryption algorithm has no NULL parameters; OpenSSL accepts it, checked below).
set -euo pipefail
cd "$(dirname "$0")"

for bits in 1024 2048 2051 3072 4096; do
    base="rsa-$bits"
    if [ $bits = 2051 ]; then
        # OpenSSL 3's genpkey makes 2050-bit moduli when asked for 2051. Instead: primes of
        # 1025 and 1026 bits from `openssl prime`, drawn until n has exactly 2051 bits, put
        # together (d, CRT values) and written as PKCS#8 by Python `cryptography`.
        python3 - "$base.pkcs8.pem" <<'PY'
import subprocess, sys
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import serialization
def prime(bits):
    return int(subprocess.check_output(["openssl", "prime", "-generate", "-bits", str(bits)]))
e = 65537
while True:
    p, q = prime(1026), prime(1025)
    n = p * q
    if n.bit_length() == 2051 and (p - 1) % e and (q - 1) % e:
        break
d = pow(e, -1, (p - 1) * (q - 1) // __import__("math").gcd(p - 1, q - 1))
key = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p),
                            rsa.RSAPublicNumbers(e, n)).private_key()
open(sys.argv[1], "wb").write(key.private_bytes(serialization.Encoding.PEM,
    serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
PY
    else
        openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:$bits -out "$base.pkcs8.pem"
    fi
    openssl pkcs8 -topk8 -nocrypt -in "$base.pkcs8.pem" -outform DER -out "$base.pkcs8.der"
    openssl rsa -in "$base.pkcs8.pem" -traditional -out "$base.pkcs1.pem" 2>/dev/null
    openssl rsa -in "$base.pkcs8.pem" -traditional -outform DER -out "$base.pkcs1.der" 2>/dev/null
    openssl pkey -in "$base.pkcs8.pem" -pubout -out "$base.spki.pem"
    openssl pkey -in "$base.pkcs8.pem" -pubout -outform DER -out "$base.spki.der"
    openssl rsa -in "$base.pkcs8.pem" -RSAPublicKey_out -out "$base.pkcs1pub.pem" 2>/dev/null
    openssl rsa -in "$base.pkcs8.pem" -RSAPublicKey_out -outform DER -out "$base.pkcs1pub.der" 2>/dev/null
done

python3 - <<'PY'
import json
from cryptography.hazmat.primitives import serialization

def h(v):
    s = format(v, "x")
    return s if len(s) % 2 == 0 else "0" + s

for bits in (1024, 2048, 2051, 3072, 4096):
    with open(f"rsa-{bits}.pkcs8.pem", "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    priv = key.private_numbers()
    pub = priv.public_numbers
    assert pub.n.bit_length() == bits
    with open(f"rsa-{bits}.json", "w") as f:
        json.dump({
            "source": "Python cryptography private_numbers() of rsa-%d.pkcs8.pem" % bits,
            "bits": pub.n.bit_length(),
            "n": h(pub.n), "e": h(pub.e), "d": h(priv.d), "p": h(priv.p), "q": h(priv.q),
            "dp": h(priv.dmp1), "dq": h(priv.dmq1), "qi": h(priv.iqmp),
        }, f, indent=2)
        f.write("\n")
PY

mkdir -p refuse
src=rsa-2048.pkcs8.pem
openssl pkey -in $src -aes256 -passout pass:demo -out refuse/encrypted-pkcs8.pem
openssl pkcs8 -topk8 -in $src -v2 aes256 -passout pass:demo -outform DER -out refuse/encrypted-pkcs8.der
openssl rsa -in $src -traditional -aes128 -passout pass:demo -out refuse/encrypted-traditional.pem 2>/dev/null
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out refuse/ec-p256.pkcs8.pem
openssl pkcs8 -topk8 -nocrypt -in refuse/ec-p256.pkcs8.pem -outform DER -out refuse/ec-p256.pkcs8.der
openssl ec -in refuse/ec-p256.pkcs8.pem -out refuse/ec-p256.sec1.pem 2>/dev/null
openssl ec -in refuse/ec-p256.pkcs8.pem -outform DER -out refuse/ec-p256.sec1.der 2>/dev/null
openssl pkey -in refuse/ec-p256.pkcs8.pem -pubout -out refuse/ec-p256.spki.pem
openssl genpkey -quiet -algorithm ED25519 -out refuse/ed25519.pkcs8.pem
openssl genpkey -quiet -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out refuse/rsa-pss.pkcs8.pem
openssl pkey -in refuse/rsa-pss.pkcs8.pem -pubout -out refuse/rsa-pss.spki.pem
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_primes:3 -out refuse/rsa-3prime.pkcs8.pem
openssl rsa -in refuse/rsa-3prime.pkcs8.pem -traditional -out refuse/rsa-3prime.pkcs1.pem 2>/dev/null
openssl req -x509 -key $src -subj /CN=pure-rs256-test -days 1 -out refuse/certificate.pem
openssl x509 -in refuse/certificate.pem -outform DER -out refuse/certificate.der

# PKCS#8 with the rsaEncryption parameters left out: rebuild the DER by hand, then make sure
# OpenSSL loads it to the same key (so accepting it matches OpenSSL). `openssl pkey -outform DER`
# writes the traditional PKCS#1 form, hence the comparison with rsa-2048.pkcs1.der.
python3 - <<'PY'
def length(n):
    if n < 0x80: return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b
def tlv(tag, content): return bytes([tag]) + length(len(content)) + content
der = open("rsa-2048.pkcs8.der", "rb").read()
null_alg = bytes.fromhex("300d06092a864886f70d0101010500")
assert der[7:7 + len(null_alg)] == null_alg, "unexpected PKCS#8 layout"
rest = der[7 + len(null_alg):]
inner = tlv(0x02, b"\x00") + tlv(0x30, bytes.fromhex("06092a864886f70d010101")) + rest
open("refuse/rsa-2048.pkcs8-absent-params.der", "wb").write(tlv(0x30, inner))
PY
cmp <(openssl pkey -inform DER -in refuse/rsa-2048.pkcs8-absent-params.der -outform DER) rsa-2048.pkcs1.der
echo "OpenSSL accepts PKCS#8 without rsaEncryption NULL parameters: same key"
