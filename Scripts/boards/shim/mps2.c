// Start-up and I/O for the Cortex-M4 microcontroller (QEMU's mps2-an386 board) with 256 KiB of
// RAM (mps2-an386.ld): a vector table, a reset handler that copies .data, clears .bss and turns
// on the FPU, a heap for the Swift shim's allocator (Scripts/wasm/Runtime.swift) between .bss and
// the stack, and ARM semihosting (BKPT 0xAB) for the host's requests and answers (two host files) and
// the exit status. The stack is painted with a pattern so that its deepest use can be read back.
#include "board.h"

extern void pure_heap_init(uintptr_t start, uintptr_t end);
extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[];
extern uint32_t __heap_start[], __heap_end[], __stack_limit[], __stack_top[];

enum { SYS_OPEN = 0x01, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05, SYS_READ = 0x06, SYS_GET_CMDLINE = 0x15, SYS_EXIT = 0x18 };
enum { ADP_Stopped_ApplicationExit = 0x20026, ADP_Stopped_RunTimeErrorUnknown = 0x20023 };

static long semihost(long operation, void *argument) {
    register long r0 __asm__("r0") = operation;
    register void *r1 __asm__("r1") = argument;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

// The host's requests and our answers go through two host files (the runner's FIFOs) named on
// the semihosting command line ("board IN OUT"): QEMU's console input does not wait for data.
static long in = -1, out = -1;
static char commandLine[512];

static long openHostFile(const char *name, long mode) {
    long n = 0;
    while (name[n]) n++;
    long block[3] = {(long)name, mode, n};
    return semihost(SYS_OPEN, block);
}

static void openChannels(void) {
    long block[2] = {(long)commandLine, sizeof commandLine};
    if (semihost(SYS_GET_CMDLINE, block) != 0) board_exit(6);
    char *words[3] = {0, 0, 0};
    int count = 0;
    for (char *p = commandLine; *p && count < 3;) {
        while (*p == ' ') *p++ = 0;
        if (!*p) break;
        words[count++] = p;
        while (*p && *p != ' ') p++;
    }
    for (char *p = commandLine; p < commandLine + sizeof commandLine && *p; p++) if (*p == ' ') *p = 0;
    if (count < 3) board_exit(6);
    in = openHostFile(words[1], 0);   // "r"
    out = openHostFile(words[2], 4);  // "w"
    if (in < 0 || out < 0) board_exit(6);
}

long board_read(void *buffer, size_t capacity) {
    long block[3] = {in, (long)buffer, (long)capacity};
    long notRead = semihost(SYS_READ, block);  // the count NOT read; all of it at the end
    return notRead < 0 ? -1 : (long)capacity - notRead;
}

void board_write(const void *buffer, size_t count) {
    long block[3] = {out, (long)buffer, (long)count};
    if (semihost(SYS_WRITE, block) != 0) board_exit(4);
}

_Noreturn void board_exit(int status) {
    for (;;) semihost(SYS_EXIT, (void *)(long)(status == 0 ? ADP_Stopped_ApplicationExit : ADP_Stopped_RunTimeErrorUnknown));
}

#define PAINT 0xA5A5A5A5u

__attribute__((noinline)) void board_stack_paint(void) {
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    // Leave 64 bytes under the stack pointer alone: this loop's own frame may live there.
    for (uint32_t *p = __stack_limit; (uintptr_t)p < sp - 64; p++) *p = PAINT;
}

int64_t board_stack_peak(void) {
    uint32_t *p = __stack_limit;
    while (p < __stack_top && *p == PAINT) p++;
    return (int64_t)((uintptr_t)__stack_top - (uintptr_t)p);
}

// A fault (a Swift trap is an undefined instruction): report the faulting address and stop.
_Noreturn void faultReport(const uint32_t *frame) {
    char text[] = "! mps2: fault at pc 0x00000000\n";
    uint32_t pc = frame[6];  // r0 r1 r2 r3 r12 lr pc xpsr, stacked on entry
    for (int i = 0; i < 8; i++) text[29 - i] = "0123456789abcdef"[(pc >> (4 * i)) & 15];
    semihost(SYS_WRITE0, text + 2);  // on the emulator's own console: the channel may be the victim
    board_exit(5);
}

__attribute__((naked)) static void fault(void) {
    __asm__ volatile("tst lr, #4\n ite eq\n mrseq r0, msp\n mrsne r0, psp\n b faultReport\n");
}

_Noreturn void reset(void) {
    for (uint32_t *s = __data_load, *d = __data_start; d < __data_end;) *d++ = *s++;
    for (uint32_t *d = __bss_start; d < __bss_end;) *d++ = 0;
    // CPACR: full access to CP10 and CP11 (the FPU; the Swift objects use single-precision VFP).
    *(volatile uint32_t *)0xE000ED88 |= 0xFu << 20;
    __asm__ volatile("dsb\n isb" ::: "memory");
    board_stack_paint();
    openChannels();
    pure_heap_init((uintptr_t)__heap_start, (uintptr_t)__heap_end);
    board_serve();
}

__attribute__((section(".vectors"), used))
static void *const vectors[16] = {
    __stack_top, (void *)reset, (void *)fault, (void *)fault, (void *)fault, (void *)fault, (void *)fault,
};
