#!/usr/bin/env bash
# The hardening checks CI runs (called by .ci/run), about 12 minutes on 2 cores:
#   1. every libFuzzer target for HARDENING_FUZZ_SECONDS (default 45) s, under ASan, two targets
#      at a time (Fuzz/run.sh)
#   2. the test suite under AddressSanitizer, the concurrency tests under ThreadSanitizer
#      (Scripts/sanitizers.sh)
#   3. a short differential soak against OpenSSL: HARDENING_DIFFERENTIAL_KEYS (default 30) fresh
#      keys of 2048 to 4097 bits, 3 messages each, with the rs256 of RS256_NATIVE when it is set
#      (Scripts/differential.sh)
#   4. the dudect timing test, informational (Scripts/dudect.sh)
# (The instruction-count and secret-as-undefined checks of the whole signing path are part of
# Scripts/constant-time.sh, which .ci/run calls on its own.)
# Fails when any step fails; prints each step's time at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no
fuzz_seconds="${HARDENING_FUZZ_SECONDS:-45}"
differential_keys="${HARDENING_DIFFERENTIAL_KEYS:-30}"
timings=()
failed=()
step() {  # name command…
    local name=$1 start
    shift
    echo "== hardening: $name"
    start=$(date +%s)
    if "$@"; then
        timings+=("$(printf '%-34s %4d s' "$name" $(( $(date +%s) - start )))")
    else
        timings+=("$(printf '%-34s %4d s  FAILED' "$name" $(( $(date +%s) - start )))")
        failed+=("$name")
    fi
}
start_all=$(date +%s)
step "fuzz (${fuzz_seconds} s per target)" Fuzz/run.sh all "$fuzz_seconds"
step "sanitizers (ASan suite, TSan)" Scripts/sanitizers.sh
step "differential ($differential_keys keys)" Scripts/differential.sh "$differential_keys" --max-bits 4097 --messages 3
step "dudect (informational)" Scripts/dudect.sh 6000
echo "== hardening: timings"
printf '  %s\n' "${timings[@]}"
echo "  total                              $(( $(date +%s) - start_all )) s"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "hardening: FAILED: ${failed[*]}"
    exit 1
fi
echo "hardening: all passed"
