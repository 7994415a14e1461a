#!/usr/bin/env bash
# Builds the rs256 command with the Swift runtime and standard library linked statically
# (`--static-swift-stdlib`; it would cover Foundation, Dispatch and ICU too, but the command uses
# the C library instead: a file importing Foundation fails this script, since a statically linked
# Foundation is invisible to `ldd` and grows the binary from ~13 MB to ~72 MB). Then fails unless
# `ldd` shows no OpenSSL, no Foundation, no Swift runtime and no ICU: what remains may only be the
# C and C++ runtime of the platform (libc, libm, libstdc++, libgcc_s, the loader).
# Then runs it once (a tenant token compared with Node's) and prints its size as built and stripped.
#
# Usage: Scripts/static-build.sh        (docs/portability.md quotes this command)
set -euo pipefail
cd "$(dirname "$0")/.."

foundation=$(grep -lE '^\s*(@_implementationOnly\s+|@preconcurrency\s+)?import\s+(Foundation|FoundationEssentials|Dispatch)\b' Sources/rs256/*.swift || true)
if [ -n "$foundation" ]; then
    echo "static: FAIL: the rs256 command must use the C library, not Foundation or Dispatch:" >&2
    echo "$foundation" >&2
    exit 1
fi

swift build -c release --static-swift-stdlib --product rs256
binary="$(swift build -c release --show-bin-path)/rs256"
[ -x "$binary" ] || { echo "static: $binary was not built" >&2; exit 1; }

libraries=$(ldd "$binary" 2>&1 || true)
echo "static: ldd $binary"
sed 's/^/    /' <<<"$libraries"
status=0
# Forbidden: anything that would have to be installed next to the binary.
if grep -Eiq 'libssl|libcrypto|Foundation|libswift|libicu|libdispatch|libBlocksRuntime|not found' <<<"$libraries"; then
    echo "static: FAIL: the binary loads a library it must carry itself:" >&2
    grep -Ei 'libssl|libcrypto|Foundation|libswift|libicu|libdispatch|libBlocksRuntime|not found' <<<"$libraries" >&2
    status=1
fi
# Allowed: the platform's C/C++ runtime only. Anything else is reported as a failure too, so a
# new dependency is a decision, not an accident.
unexpected=$(grep -Ev '^\s*(linux-vdso\.so|libc\.so|libm\.so|libstdc\+\+\.so|libgcc_s\.so|/lib6?4?/ld-linux|/lib/ld-linux|statically linked|not a dynamic executable)' <<<"$libraries" \
    | grep -Ev 'ld-linux' || true)
if [ -n "$unexpected" ]; then
    echo "static: FAIL: unexpected shared libraries:" >&2
    echo "$unexpected" >&2
    status=1
fi

# It runs: mint the first Node-made tenant token of Vectors/jwt/tokens.json with an empty
# environment and compare it byte for byte.
read -r tenant iat ttl expected < <(python3 -c '
import json
c = json.load(open("Vectors/jwt/tokens.json"))["cases"][0]
assert c["keyid"] is None and c["header_extra"] is None
print("".join(map(chr, c["claims"]["m"][0]["v"]["u16"])), c["iat"], c["exp"] - c["iat"], c["token"])')
minted=$(env -i "$binary" token --tenant "$tenant" --iat "$iat" --ttl "$ttl" --key Vectors/keys/demo-rsa-2048.pem) || true
if [ "$minted" = "$expected" ]; then
    echo "static: rs256 token (empty environment) printed Node's token for tenant '$tenant' byte for byte"
else
    echo "static: FAIL: rs256 token printed '$minted', expected '$expected'" >&2
    status=1
fi

objcopy=$(dirname "$(readlink -f "$(command -v swiftc)")")/llvm-objcopy
stripped=$(mktemp)
trap 'rm -f "$stripped"' EXIT
"$objcopy" --strip-all "$binary" "$stripped"
size=$(stat -c %s "$binary")
strippedSize=$(stat -c %s "$stripped")
echo "static: rs256 is $size bytes ($((size / 1048576)) MiB) as built, $strippedSize bytes ($((strippedSize / 1048576)) MiB) stripped"
[ "$status" -eq 0 ] && echo "static: rs256 needs only the platform's C/C++ runtime: no OpenSSL, no Foundation, no Swift runtime to install"
exit "$status"
