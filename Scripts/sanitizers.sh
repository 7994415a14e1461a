#!/usr/bin/env bash
# The test suite under sanitizers:
#   (1) AddressSanitizer: the whole `swift test` (out-of-bounds, use-after-free, double free in
#       the unsafe-pointer kernels and everywhere else);
#   (2) ThreadSanitizer: the concurrency tests (many tasks signing, minting and verifying with one
#       shared key, every result checked).
# Each builds in its own scratch folder (.build-asan, .build-tsan) so the normal .build is left
# alone. Exits non-zero when a test fails or a sanitizer reports anything.
#   Scripts/sanitizers.sh            both
#   Scripts/sanitizers.sh address    only ASan
#   Scripts/sanitizers.sh thread     only TSan
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no
# XCTest itself leaks, so leak detection would fail every run (docs/implementation-notes.md); halt_on_error
# makes the first report fail the run rather than scroll by.
export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:abort_on_error=1"
export TSAN_OPTIONS="halt_on_error=1:abort_on_error=1"
which="${1:-both}"
case "$which" in
    both|address|thread) ;;
    *) echo "sanitizers: unknown mode '$which' (both, address or thread)" >&2; exit 2 ;;
esac
concurrency_tests='ConcurrencyTests|SigningSafetyTests/manyTasks'
# Tests that hold a wall-clock budget of a few milliseconds measure speed, which ASan's 2–5×
# slowdown makes meaningless; they run in the normal suite. (The resource-limit tests keep their
# one-second bound and run here too.)
timing_tests='RefusedQuickly|MillisecondsAtMost'
# Under ASan (about 600 s for the whole debug suite on 2 cores) these also sit out, each repeating
# code that cheaper tests in the same suites run on the same paths, at a cost ASan multiplies:
#   openSSLAgreesTheMODPNumbersArePrime   ~34 s, nearly all of it openssl's own primality tests
#   ProgressLine…                         ~31 s, two key generations timed for the progress line
#   millerRabinAcceptsTheMODPPrimes       ~15 s, Miller–Rabin on 1536–8192-bit primes (the kernels
#                                         run on smaller sizes in the same suite and ModExpVectorTests)
#   monteCarlo (SHA-2)                    ~10 s, 100,000 chained hashes per family (ShortMsg/LongMsg
#                                         cover every padding path)
# (seconds: the normal debug suite run serially, `swift test --no-parallel`).
asan_repeats='openSSLAgreesTheMODPNumbersArePrime|ProgressLine|millerRabinAcceptsTheMODPPrimes|monteCarlo'

run() {  # name scratch sanitizer [swift test args…]
    local name=$1 scratch=$2 sanitizer=$3
    shift 3
    local start log
    start=$(date +%s)
    log="$(mktemp)"
    if swift test --scratch-path "$scratch" --sanitize "$sanitizer" "$@" >"$log" 2>&1 \
        && ! grep -qE "ERROR: (Address|Thread)Sanitizer|WARNING: ThreadSanitizer" "$log"; then
        echo "ok: $name — $(grep -E '(✔|✘) Test run with' "$log" | tail -1 | sed 's/^[^T]*//') ($(( $(date +%s) - start )) s with the build)"
        rm -f "$log"
    else
        echo "FAIL: $name ($(( $(date +%s) - start )) s); the sanitizer report and failures:"
        grep -nE "Sanitizer|✘|error:|SUMMARY" "$log" | head -40
        echo "(full log: $log)"
        return 1
    fi
}

status=0
if [[ "$which" == both || "$which" == address ]]; then
    echo "== AddressSanitizer: swift test"
    run "ASan, whole suite but the millisecond-budget tests and four repeats" .build-asan address \
        --skip "$timing_tests|$asan_repeats" || status=1
fi
if [[ "$which" == both || "$which" == thread ]]; then
    echo "== ThreadSanitizer: concurrency tests ($concurrency_tests)"
    run "TSan, concurrency tests" .build-tsan thread --filter "$concurrency_tests" || status=1
fi
exit $status
