#!/bin/sh
# Key files and a signature that the rs256 command tests (Tests/rs256Tests) feed the tool.
# Run once from anywhere: sh Vectors/cli/generate.sh (needs openssl 3 and node >= 16).
# The EC, 512- and 1024-bit keys and the encryption salt are random, so a rerun gives other
# bytes; the tests depend only on what each file is (its kind), except message.sig, which the
# tests compare byte for byte (RSASSA-PKCS1-v1_5 is deterministic) and check with openssl.
# PUBLIC TEST MATERIAL: never use these keys for anything real.
set -eu
cd "$(dirname "$0")"
demo=../keys/demo-rsa-2048.pem

# Keys the tool must refuse, each with its own sentence.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-p256.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa-1024.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:512 -out rsa-512.pem
openssl pkey -in "$demo" -aes-256-cbc -passout pass:demo -out demo-rsa-2048.encrypted.pem

# The demo key in the other forms the tool must accept.
openssl rsa -in "$demo" -traditional -out demo-rsa-2048.pkcs1.pem 2>/dev/null
openssl pkey -in "$demo" -outform DER -out demo-rsa-2048.der
openssl rsa -in "$demo" -RSAPublicKey_out -out demo-rsa-2048.pub.pkcs1.pem 2>/dev/null
node -e '
const fs = require("fs"), crypto = require("crypto");
const key = crypto.createPrivateKey(fs.readFileSync(process.argv[1]));
fs.writeFileSync("demo-rsa-2048.jwk", JSON.stringify(key.export({format: "jwk"})) + "\n");
fs.writeFileSync("demo-rsa-2048.pub.jwk", JSON.stringify(crypto.createPublicKey(key).export({format: "jwk"})) + "\n");
' "$demo"

# A message and OpenSSL's signature of it.
printf 'RS256 data signed by openssl dgst -sha256 -sign, line 1\nline 2 \xe2\x80\x99\n' > message.txt
openssl dgst -sha256 -sign "$demo" -out message.sig message.txt
openssl dgst -sha256 -verify ../keys/demo-rsa-2048.pub.pem -signature message.sig message.txt
