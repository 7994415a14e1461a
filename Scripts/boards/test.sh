#!/usr/bin/env bash
# Runs the library on the boards docs/portability.md claims, under emulation, and fails if any board
# cannot be built, cannot run, or computes anything else than Vectors/ and the native rs256
# command say (the checks of the wasm32 test, Scripts/wasm/checks.mjs):
#   aarch64-linux  AArch64, static Linux executable, qemu-aarch64 (user mode)
#   armv7-linux    32-bit ARMv7-A, static Linux executable, qemu-arm (user mode)
#   riscv64-linux  RISC-V 64 (rv64imac), static Linux executable, qemu-riscv64 (user mode)
#   cortex-m4      ARMv7E-M microcontroller, QEMU mps2-an386 with 256 KiB of RAM, semihosting
# and, only when named (one more compile does not fit CI's time budget):
#   riscv32-linux  RISC-V 32 (rv32imac), static Linux executable, qemu-riscv32 (user mode)
# Installs what is missing from Debian first (apt, once). Two boards build and run at a time (the
# Embedded Swift compile is most of the time); each board's log is printed when it ends, with its
# duration, then a summary. Figures for docs/portability.md are the "board-figure" lines.
#
# Usage: Scripts/boards/test.sh [BOARD...]   (default: the first four)
set -euo pipefail
cd "$(dirname "$0")/../.."
all=(aarch64-linux armv7-linux riscv64-linux cortex-m4)
boards=("$@")
[ ${#boards[@]} -gt 0 ] || boards=("${all[@]}")
for b in "${boards[@]}"; do
    [ -x "Scripts/boards/$b.sh" ] || { echo "boards: no runner Scripts/boards/$b.sh" >&2; exit 1; }
done
start=$SECONDS

# Every board's packages in one apt transaction (lib.sh's need_packages: nothing if all are there).
BOARD=setup source Scripts/boards/lib.sh
packages=()
for b in "${boards[@]}"; do
    read -r -a p < <(sed -n 's/^PACKAGES="\(.*\)"$/\1/p' "Scripts/boards/$b.sh")
    packages+=("${p[@]}")
done
need_packages "${packages[@]}" $(command -v node >/dev/null || echo nodejs)
echo "boards: packages ready in $(( SECONDS - start )) s"

# The reference for tenant tokens: the native command, built once for all boards.
if [ -z "${RS256_NATIVE:-}" ]; then
    swift build -c release --product rs256 >/dev/null
    RS256_NATIVE="$(swift build -c release --show-bin-path)/rs256"
fi
export RS256_NATIVE

mkdir -p .build-boards
run_board() {
    local b=$1 s=$SECONDS
    if "Scripts/boards/$b.sh" >".build-boards/$b.log" 2>&1; then
        echo "passed $(( SECONDS - s ))" >".build-boards/$b.result"
    else
        echo "FAILED $(( SECONDS - s ))" >".build-boards/$b.result"
    fi
    cat ".build-boards/$b.log"
    echo "-- boards/$b $(cat ".build-boards/$b.result") s"
}
# Two lanes, the microcontroller (the slowest to run) first, the others dealt out in turn.
lane() { for b in "$@"; do run_board "$b"; done; }
ordered=()
for b in "${boards[@]}"; do [ "$b" = cortex-m4 ] && ordered=("$b" "${ordered[@]}") || ordered+=("$b"); done
first=() second=()
for i in "${!ordered[@]}"; do
    if (( i % 2 == 0 )); then first+=("${ordered[i]}"); else second+=("${ordered[i]}"); fi
done
rm -f .build-boards/*.result
lane "${first[@]}" &
lanePid=$!
[ ${#second[@]} -eq 0 ] || lane "${second[@]}"
wait "$lanePid" || true

failed=0
echo "boards: summary"
for b in "${boards[@]}"; do
    result=$(cat ".build-boards/$b.result" 2>/dev/null || echo "FAILED (no result)")
    echo "  $b: $result s"
    case "$result" in passed*) ;; *) failed=1 ;; esac
done
echo "boards: ${#boards[@]} boards in $(( SECONDS - start )) s"
exit $failed
