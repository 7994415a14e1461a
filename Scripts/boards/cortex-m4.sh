#!/usr/bin/env bash
# A Cortex-M4 microcontroller (ARMv7E-M): the library as Embedded Swift for armv7em-none-none-eabi,
# linked with the bare-metal shim (shim/mps2.c: vector table, reset, semihosting) into an image
# for QEMU's mps2-an386 board with a real part's 256 KiB of RAM (shim/mps2-an386.ld: .data,
# .bss, heap and a STACK_SIZE stack), run under qemu-system-arm. It also measures the heap and
# stack of one RS256 signature. See lib.sh for the steps.
BOARD=cortex-m4
TRIPLE=armv7em-none-none-eabi
PACKAGES="qemu-system-arm gcc-arm-none-eabi"
INT_BITS=32
SIZE=arm-none-eabi-size
STACK_SIZE=${STACK_SIZE:-16384}
source "$(dirname "$0")/lib.sh"
board_link() {
    mapfile -t objects < <(swift_objects)
    arm-none-eabi-gcc -mthumb -march=armv7e-m -mfloat-abi=soft -fno-short-enums "${SHIM_CFLAGS[@]}" \
        -nostdlib -nostartfiles -T "$SHIM/mps2-an386.ld" -Wl,--defsym=STACK_SIZE="$STACK_SIZE" \
        -Wl,--gc-sections -Wl,-z,noexecstack -Wl,--no-enum-size-warning -o "$OUT/board" \
        "$SHIM/mps2.c" "$SHIM/server.c" "$SHIM/runtime.c" "${objects[@]}" -lgcc
}
# Requests and answers through two host files (the FIFOs) named on the semihosting command line.
EMULATOR=(qemu-system-arm -M mps2-an386 -display none -monitor none -serial none
          -semihosting-config "enable=on,target=native,arg=board,arg={in},arg={out}" -kernel "$OUT/board")
RUN_OPTIONS=(--measure --max-modulus-bits 4096 --every 7 --stack-size "$STACK_SIZE")
board_main "$@"
