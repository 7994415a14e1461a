#!/usr/bin/env bash
# 32-bit ARM (ARMv7-A) Linux: the library as Embedded Swift for armv7-none-none-eabi (soft-float
# calling convention) in a static Linux executable (no C library; Debian's arm-none-eabi GCC for
# the shim and its soft-float libgcc), run under qemu-arm (user mode). See lib.sh for the steps.
BOARD=armv7-linux
TRIPLE=armv7-none-none-eabi
PACKAGES="qemu-user gcc-arm-none-eabi"
INT_BITS=32
CC=arm-none-eabi-gcc
SIZE=arm-none-eabi-size
CFLAGS_TARGET=(-march=armv7-a -mfloat-abi=soft -marm -fno-short-enums)
source "$(dirname "$0")/lib.sh"
board_link() { link_linux; }
EMULATOR=(qemu-arm "$OUT/board")
RUN_OPTIONS=(--measure)
board_main "$@"
