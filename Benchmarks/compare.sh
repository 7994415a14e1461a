#!/usr/bin/env bash
# Builds and runs both benchmark suites and OpenSSL's `speed`, and prints one combined table:
# rs256-bench (with --openssl) for PureRS256 and OpenSSL, then Benchmarks/Peers for
# swift-crypto (BoringSSL), jwt-kit and attaswift/BigInt on the same operations.
#
#   Benchmarks/compare.sh [--quick] [--repeat N]
#
# Needs the packages Benchmarks/Peers depends on (swift-crypto, jwt-kit, BigInt); the first
# build of swift-crypto takes a few minutes and ~8 GB of memory. Machines are noisy: compare
# only ratios taken in the same run, and run when the machine is otherwise idle.
set -euo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=enable=no

bench_flags=() peers_flags=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) bench_flags+=(--quick); peers_flags+=(--quick) ;;
        --repeat) bench_flags+=(--repeat "$2"); peers_flags+=(--repeat "$2"); shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "compare.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
    shift
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building rs256-bench and rs256-peers (release)" >&2
swift build -c release --product rs256-bench >&2
# SwiftPM keeps the build plan of a path dependency: a source file added to this package since
# the last Peers build was not seen ("cannot find ... in scope") until the plan was dropped.
rm -f Benchmarks/Peers/.build/release.yaml
(cd Benchmarks/Peers && swift build -c release --product rs256-peers >&2)

echo "== rs256-bench --openssl (PureRS256 and openssl speed, same run)" >&2
.build/release/rs256-bench --openssl "${bench_flags[@]}" \
    --filter rsa/sign/ --filter rsa/verify/ --filter jwt/ --filter modexp/ct/1024 --json > "$work/bench.json"

echo "== rs256-peers (PureRS256, swift-crypto, jwt-kit, attaswift/BigInt, same run)" >&2
cpu() { grep -m1 "^$1[[:space:]]*:" /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //'; }
echo "machine: $(cpu 'model name') (family $(cpu 'cpu family'), model $(cpu model)), $(uname -m), $(nproc) cores;" \
    "$(openssl version 2>/dev/null || echo 'openssl not found'); $(date -u +%Y-%m-%d); load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
Benchmarks/Peers/.build/release/rs256-peers "${peers_flags[@]}" --bench-json "$work/bench.json"
