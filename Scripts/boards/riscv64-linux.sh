#!/usr/bin/env bash
# RISC-V 64 Linux: the library as Embedded Swift for riscv64-none-none-eabi (rv64imac, soft-float
# lp64 calling convention) in a static Linux executable (no C library; Debian's bare-metal RISC-V
# GCC for the shim and its rv64imac/lp64 libgcc), run under qemu-riscv64 (user mode). See lib.sh.
BOARD=riscv64-linux
TRIPLE=riscv64-none-none-eabi
PACKAGES="qemu-user gcc-riscv64-unknown-elf"
INT_BITS=64
CC=riscv64-unknown-elf-gcc
SIZE=riscv64-unknown-elf-size
CFLAGS_TARGET=(-march=rv64imac -mabi=lp64 -mcmodel=medany)
source "$(dirname "$0")/lib.sh"
board_link() { link_linux; }
EMULATOR=(qemu-riscv64 "$OUT/board")
RUN_OPTIONS=(--measure)
board_main "$@"
