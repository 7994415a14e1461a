#!/usr/bin/env bash
# Writes the seed corpora Fuzz/corpus/TARGET/ from Vectors/ (run after vectors change; the output
# is committed). Needs python3. Seeds are named after their source so a finding's ancestry reads.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf corpus
python3 - <<'PY'
import base64, glob, json, os, re

def put(target, name, data):
    os.makedirs(f"corpus/{target}", exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(f"corpus/{target}/{name}", "wb") as f:
        f.write(data)

V = "../Vectors"
def read(path): return open(f"{V}/{path}", "rb").read()

# Key loader: every key file, base64 of each PEM (HOTGLUE_SIGNING_KEY form), base64 of DER.
for path in sorted(glob.glob(f"{V}/keys/**/*.pem", recursive=True) + glob.glob(f"{V}/keys/**/*.der", recursive=True)
                   + glob.glob(f"{V}/cli/*.pem") + glob.glob(f"{V}/cli/*.der") + glob.glob(f"{V}/jose/*.pem")):
    rel = os.path.relpath(path, V).replace("/", "_")
    data = open(path, "rb").read()
    if "4096" in rel or "3072" in rel:
        continue  # the sizes above 2051 bits add length, not new paths
    put("FuzzKeyLoader", rel, data)
    if path.endswith(".pem") and "1024" in rel:
        put("FuzzKeyLoader", rel + ".b64", base64.b64encode(data))
    if path.endswith(".der"):
        put("FuzzDER", rel, data)
        if "1024" in rel:
            put("FuzzKeyLoader", rel + ".b64", base64.b64encode(data))

# EC key parsers: the P-256 key files, and base64 of each PEM (HOTGLUE_SIGNING_KEY form).
for path in sorted(glob.glob(f"{V}/keys/refuse/ec-*") + glob.glob(f"{V}/cli/ec-*")):
    rel = os.path.relpath(path, V).replace("/", "_")
    data = open(path, "rb").read()
    put("FuzzECKeys", rel, data)
    if path.endswith(".pem"):
        put("FuzzECKeys", rel + ".b64", base64.b64encode(data))

# Base64: RFC 4648 section 10 and RFC 7515 appendix C texts, and the body of a PEM.
b = json.loads(read("base64/rfc4648_base64.json"))
for i, case in enumerate(b["rfc4648_section10"]):
    for key in ("base64", "base64url_unpadded"):
        put("FuzzBase64", f"rfc4648-{i}-{key}", case[key])
pem = read("keys/rsa-1024.pkcs1.pem").decode()
put("FuzzBase64", "pem-body-line", pem.splitlines()[1])
put("FuzzBase64", "pem-body", "".join(pem.splitlines()[1:-1]))

# JSON and JWT: every node-jsonwebtoken token (signed by demo-rsa-2048) and its two JSON parts;
# the RFC 7515 A.2 and A.3 (ES256) and 7520 4.1 tokens (other keys); numbers as Node writes them.
t = json.loads(read("jwt/tokens.json"))
for i, case in enumerate(t["cases"]):
    put("FuzzJWT", f"node-{i:02d}", case["token"])
    put("FuzzJSON", f"node-{i:02d}-header", bytes.fromhex(case["header_hex"]))
    put("FuzzJSON", f"node-{i:02d}-payload", bytes.fromhex(case["payload_hex"]))
for name in ("rfc7515_a2_rs256", "rfc7515_a3_es256", "rfc7520_4_1_rs256"):
    j = json.loads(read(f"jose/{name}.json"))
    token = j.get("jws_compact") or j.get("compact") or ""
    if token:
        put("FuzzJWT", name, token)
n = json.loads(read("jwt/numbers.json"))
put("FuzzJSON", "numbers", "[" + ",".join(x["js"] for x in n["numbers"][:200]) + "]")

# Sign/verify: messages of the differential vectors (selector byte, two flip bytes, message).
cases = read("rsa-diff/cases.txt").decode()
msgs = [m for m in re.findall(r"^Msg = ([0-9a-f]*)$", cases, re.M) if len(m) <= 200][:12]
for i, m in enumerate(msgs):
    put("FuzzSignVerify", f"rsa-diff-{i:02d}", bytes([i * 37 % 256, i, 7]) + bytes.fromhex(m))
put("FuzzSignVerify", "ascii", bytes([0xC1, 0, 3]) + b'{"sub":"tenant-123","iat":1700000000}')

# Big numbers: ModExp vectors, laid out as FuzzBigNum reads them (width byte, then modulus, A, B
# little-endian in width*8 bytes each, exponent length byte and bytes).
mx = read("modexp/modexp.txt").decode()
blocks = re.findall(r"ModExp = (\S+)\nA = (\S+)\nE = (\S+)\nM = (\S+)", mx)
def le(v, n): return int(v).to_bytes(n, "little") if int(v) < 256 ** n else (int(v) % 256 ** n).to_bytes(n, "little")
picked = blocks[::max(1, len(blocks) // 40)][:40]
for i, (_, a, e, m) in enumerate(picked):
    a, e, m = (int(x, 16) for x in (a, e, m))
    if m % 2 == 0 or m < 3:
        continue
    width = max(1, (m.bit_length() + 63) // 64)
    if width > 33:
        continue
    eb = e.to_bytes(max(1, (e.bit_length() + 7) // 8), "little")[:40]
    data = bytes([width - 1]) + m.to_bytes(width * 8, "little") + (a % 256 ** (width * 8)).to_bytes(width * 8, "little") \
        + (a * 3 % m).to_bytes(width * 8, "little") + bytes([len(eb)]) + eb
    put("FuzzBigNum", f"modexp-{i:02d}", data)
PY
for t in corpus/*; do echo "$(basename "$t"): $(ls "$t" | wc -l) seeds, $(du -sk "$t" | cut -f1) KiB"; done
