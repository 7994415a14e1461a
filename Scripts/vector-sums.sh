#!/usr/bin/env bash
# Vectors/SHA256SUMS lists a checksum for every file under Vectors/ (data, scripts, READMEs).
#   Scripts/vector-sums.sh          check: fails if a file changed, vanished or is not listed
#   Scripts/vector-sums.sh --update rewrite the list after adding or regenerating vectors
set -euo pipefail
cd "$(dirname "$0")/../Vectors"
list() { find . -type f ! -name SHA256SUMS | LC_ALL=C sort | xargs -d '\n' sha256sum; }
if [ "${1:-}" = "--update" ]; then
    list > SHA256SUMS
    echo "vector-sums: $(wc -l < SHA256SUMS) files listed"
    exit 0
fi
sha256sum --quiet -c SHA256SUMS
unlisted=$(comm -13 <(awk '{print $2}' SHA256SUMS | LC_ALL=C sort) <(find . -type f ! -name SHA256SUMS | LC_ALL=C sort))
if [ -n "$unlisted" ]; then
    echo "vector-sums: not in Vectors/SHA256SUMS (run Scripts/vector-sums.sh --update):"
    echo "$unlisted"
    exit 1
fi
echo "vector-sums: $(wc -l < SHA256SUMS) files match Vectors/SHA256SUMS"
