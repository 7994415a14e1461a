#!/usr/bin/env bash
# AArch64 Linux: the library as Embedded Swift for aarch64-none-none-elf in a static Linux
# executable (no C library), run under qemu-aarch64 (user mode). See lib.sh for the steps.
BOARD=aarch64-linux
TRIPLE=aarch64-none-none-elf
PACKAGES="qemu-user gcc-aarch64-linux-gnu"
INT_BITS=64
CC=aarch64-linux-gnu-gcc
SIZE=aarch64-linux-gnu-size
CFLAGS_TARGET=()
source "$(dirname "$0")/lib.sh"
board_link() { link_linux; }
EMULATOR=(qemu-aarch64 "$OUT/board")
RUN_OPTIONS=(--measure)
board_main "$@"
