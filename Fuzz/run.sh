#!/usr/bin/env bash
# Builds the libFuzzer targets with coverage + AddressSanitizer and runs them.
#
#   Fuzz/run.sh                     every target, 60 s each (two at a time: FUZZ_JOBS)
#   Fuzz/run.sh FuzzJSON 600        one target for 10 minutes ("all" for every target)
#   Fuzz/run.sh FuzzJSON crash-file run one saved input once (to reproduce a finding)
#
# Builds in Fuzz/.build-fuzz (separate from the normal .build). Seeds come from Fuzz/corpus/TARGET
# (made from Vectors/ by Fuzz/make-corpus.sh; read-only here) and Fuzz/regressions/TARGET (inputs
# that once found something, kept so every run replays them); what the fuzzer learns accumulates
# in Fuzz/.build-fuzz/corpus/TARGET. A finding (crash, trap, broken property, leak-free OOM or
# timeout) is saved under Fuzz/.build-fuzz/artifacts/ and makes this script exit 1. Each run
# prints one summary line: executions, executions per second, coverage, corpus size.
set -euo pipefail
# A saved input given from anywhere (e.g. Fuzz/.build-fuzz/artifacts/… from the repository root)
# must still be found after the cd below.
if [[ -n "${2:-}" && -f "$2" ]]; then set -- "$1" "$(realpath "$2")"; fi
cd "$(dirname "$0")"
export SWIFT_BACKTRACE=enable=no           # else the backtracer holds pipes open after a crash
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}"

all=(FuzzBase64 FuzzDER FuzzKeyLoader FuzzECKeys FuzzJSON FuzzJWT FuzzSignVerify FuzzBigNum)
target="${1:-all}"
arg="${2:-60}"
scratch=.build-fuzz

# ONE -sanitize=fuzzer,address flag: two separate --sanitize flags silently drop the coverage
# instrumentation (docs/implementation-notes.md).
flags=(-c release --scratch-path "$scratch" --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address)
echo "fuzz: building (release, -sanitize=fuzzer,address)…"
start=$(date +%s)
if ! swift build "${flags[@]}" >"$scratch.build.log" 2>&1; then
    cat "$scratch.build.log"; exit 2
fi
rm -f "$scratch.build.log"
echo "fuzz: built in $(( $(date +%s) - start )) s"
bin="$(swift build "${flags[@]}" --show-bin-path)"

if [[ "$target" == all ]]; then targets=("${all[@]}"); else targets=("$target"); fi
for t in "${targets[@]}"; do
    [[ -x "$bin/$t" ]] || { echo "fuzz: no target $t (have: ${all[*]})" >&2; exit 2; }
done

if [[ -f "$arg" ]]; then    # reproduce one input
    exec "$bin/${targets[0]}" "$arg"
fi

max_len() {   # inputs long enough for a 4096-bit PEM key / a signed token, short enough to be fast
    case "$1" in
        FuzzKeyLoader) echo 8192 ;;
        FuzzJWT|FuzzJSON) echo 4096 ;;
        FuzzBigNum) echo 1200 ;;
        *) echo 2048 ;;
    esac
}

mkdir -p "$scratch/artifacts" "$scratch/results"
run_target() {  # target: runs it, prints its summary, leaves ok/finding in $scratch/results/TARGET
    local t=$1 work="$scratch/corpus/$1" log="$scratch/$1.log" status runs speed cov corpus
    mkdir -p "$work"
    local seeds=() dict=()
    [[ -d "corpus/$t" ]] && seeds+=("corpus/$t")
    [[ -d "regressions/$t" ]] && seeds+=("regressions/$t")
    [[ -f "dict/$t.dict" ]] && dict=(-dict="dict/$t.dict")
    set +e
    "$bin/$t" -max_total_time="$arg" -timeout=25 -rss_limit_mb=3072 -max_len="$(max_len "$t")" \
        -print_final_stats=1 -artifact_prefix="$scratch/artifacts/$t-" "${dict[@]}" \
        "$work" "${seeds[@]}" >"$log" 2>&1
    status=$?
    set -e
    runs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log")
    speed=$(awk '/stat::average_exec_per_sec/ { print $2 }' "$log")
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
    corpus=$(find "$work" -type f | wc -l)
    if [[ $status -eq 0 ]]; then
        echo ok >"$scratch/results/$t"
        echo "ok: $t — ${runs:-?} executions in ${arg} s (${speed:-?}/s), coverage ${cov:-?} edges, corpus $corpus"
    else
        echo finding >"$scratch/results/$t"
        { echo "FINDING: $t exited $status after ${runs:-?} executions; artifact(s):"
          ls -1 "$scratch/artifacts/$t-"* 2>/dev/null | sed 's/^/  Fuzz\//' || true
          grep -E 'PROPERTY VIOLATED|ERROR: |Fatal error|SUMMARY|==ERROR' "$log" | head -20 | sed 's/^/  /' || true
          echo "  full log: Fuzz/$log; reproduce: Fuzz/run.sh $t <artifact>"; }
    fi
}
# FUZZ_JOBS targets run at once (default 2: libFuzzer is single-threaded, so two lanes halve the
# wall time on two cores without shortening any target's own run).
jobs="${FUZZ_JOBS:-2}"
rm -f "$scratch/results/"*
lane() {  # index: runs every target whose position modulo $jobs is index
    local i
    for i in "${!targets[@]}"; do
        if (( i % jobs == $1 )); then run_target "${targets[i]}"; fi
    done
}
pids=()
for (( l = 1; l < jobs; l++ )); do lane "$l" & pids+=($!); done
lane 0
for p in "${pids[@]}"; do wait "$p" || true; done
failures=0
for t in "${targets[@]}"; do
    [[ "$(cat "$scratch/results/$t" 2>/dev/null)" == ok ]] || failures=$((failures + 1))
done
if [[ $failures -gt 0 ]]; then
    echo "fuzz: $failures target(s) found something"
    exit 1
fi
echo "fuzz: no findings"
