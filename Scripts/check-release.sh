#!/usr/bin/env bash
# Fails unless the files a user needs to adopt the package are present: LICENSE holding the
# unmodified Apache License 2.0 text (the checksum is that of apache.org's LICENSE-2.0.txt), and
# NOTICE naming the third-party test data of Vectors/ (every folder whose data is not generated
# here, as Vectors/README.md lists it). Takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
fail() { echo "check-release: $*" >&2; status=1; }

apache_sha256=cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30
if [[ ! -f LICENSE ]]; then
    fail "LICENSE is missing"
elif [[ $(sha256sum LICENSE | cut -d' ' -f1) != "$apache_sha256" ]]; then
    fail "LICENSE is not the unmodified Apache License 2.0 text"
fi

if [[ ! -f NOTICE ]]; then
    fail "NOTICE is missing"
else
    for needle in "Apache License, Version 2.0" NIST Wycheproof OpenSSL "IETF Trust" \
        Vectors/sha256/ Vectors/sha2/ Vectors/rsa-pkcs1v15/ Vectors/ecdsa/ Vectors/wycheproof/ \
        Vectors/jose/ Vectors/hmac/ Vectors/base64/; do
        grep -qF -- "$needle" NOTICE || fail "NOTICE does not mention $needle"
    done
fi
exit $status
