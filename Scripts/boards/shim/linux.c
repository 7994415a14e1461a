// Start-up and I/O for the Linux-ABI static executables run under qemu-user (AArch64, ARMv7,
// RISC-V 64): no C library, three system calls (read, write, exit_group), and a 4 MiB arena in
// .bss handed to the Swift shim's allocator (Scripts/wasm/Runtime.swift). The stack is the one
// the kernel (qemu-user) sets up; it is not measured here.
#include "board.h"

extern void pure_heap_init(uintptr_t start, uintptr_t end);

#if defined(__aarch64__)
enum { SYS_read = 63, SYS_write = 64, SYS_exit_group = 94 };
static long syscall3(long n, long a, long b, long c) {
    register long x8 __asm__("x8") = n, x0 __asm__("x0") = a, x1 __asm__("x1") = b, x2 __asm__("x2") = c;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
}
__asm__(".text\n.global _start\n_start:\n mov x29, #0\n mov x30, #0\n bl board_main\n b .\n");
#elif defined(__arm__)
enum { SYS_read = 3, SYS_write = 4, SYS_exit_group = 248 };
static long syscall3(long n, long a, long b, long c) {
    register long r7 __asm__("r7") = n, r0 __asm__("r0") = a, r1 __asm__("r1") = b, r2 __asm__("r2") = c;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r7), "r"(r1), "r"(r2) : "memory");
    return r0;
}
__asm__(".text\n.global _start\n_start:\n mov fp, #0\n mov lr, #0\n bl board_main\n b .\n");
#elif defined(__riscv)
enum { SYS_read = 63, SYS_write = 64, SYS_exit_group = 94 };
static long syscall3(long n, long a, long b, long c) {
    register long a7 __asm__("a7") = n, a0 __asm__("a0") = a, a1 __asm__("a1") = b, a2 __asm__("a2") = c;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1), "r"(a2) : "memory");
    return a0;
}
__asm__(".text\n.global _start\n_start:\n .option push\n .option norelax\n la gp, __global_pointer$\n"
        " .option pop\n li ra, 0\n call board_main\n j .\n");
#else
#error "linux.c: unknown architecture"
#endif

long board_read(void *buffer, size_t capacity) {
    long n;
    do n = syscall3(SYS_read, 0, (long)buffer, (long)capacity); while (n == -4);  // EINTR
    return n;
}

void board_write(const void *buffer, size_t count) {
    const char *p = buffer;
    while (count > 0) {
        long n = syscall3(SYS_write, 1, (long)p, (long)count);
        if (n == -4) continue;
        if (n <= 0) board_exit(4);
        p += n;
        count -= (size_t)n;
    }
}

_Noreturn void board_exit(int status) {
    for (;;) syscall3(SYS_exit_group, status, 0, 0);
}

void board_stack_paint(void) {}
int64_t board_stack_peak(void) { return -1; }

static unsigned char arena[4u << 20] __attribute__((aligned(16)));

_Noreturn void board_main(void) {
    pure_heap_init((uintptr_t)arena, (uintptr_t)arena + sizeof arena);
    board_serve();
}
