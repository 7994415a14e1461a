#!/usr/bin/env bash
# RISC-V 32 Linux: the library as Embedded Swift for riscv32-none-none-eabi (rv32imac, soft-float
# ilp32 calling convention) in a static Linux executable (no C library; Debian's bare-metal RISC-V
# GCC for the shim and its rv32imac/ilp32 libgcc), run under qemu-riscv32 (user mode). A signature
# takes over a second there, so it checks every 7th Node-made token. Not in test.sh's default list
# (CI time); run it with `Scripts/boards/test.sh riscv32-linux`. See lib.sh.
BOARD=riscv32-linux
TRIPLE=riscv32-none-none-eabi
PACKAGES="qemu-user gcc-riscv64-unknown-elf"
INT_BITS=32
CC=riscv64-unknown-elf-gcc
SIZE=riscv64-unknown-elf-size
CFLAGS_TARGET=(-march=rv32imac -mabi=ilp32)
source "$(dirname "$0")/lib.sh"
board_link() { link_linux; }
EMULATOR=(qemu-riscv32 "$OUT/board")
RUN_OPTIONS=(--measure --every 7)
board_main "$@"
