// The C-library functions the Embedded Swift objects reference that libgcc does not provide, for
// the boards that link no C library: memset/memcpy/memmove/memcmp, `ceil` (PureJWT's number
// writer) and, on 32-bit ARM, the run-time ABI's __aeabi_mem* entry points. The Swift shim
// (Scripts/wasm/Runtime.swift) defines the four mem* functions too, as loops that LLVM turns
// back into calls to memset/memcpy (on ARM, __aeabi_memset/__aeabi_memcpy), that is into
// themselves: the runners weaken those four symbols in the shim's object so these win. This file
// is compiled with -fno-builtin -fno-tree-loop-distribute-patterns so GCC keeps the loops.
// The allocator (posix_memalign/free) and arc4random_buf stay the Swift shim's.
#include <stddef.h>
#include <stdint.h>

void *memset(void *dest, int value, size_t count) {
    unsigned char *d = dest;
    while (count--) *d++ = (unsigned char)value;
    return dest;
}

void *memcpy(void *dest, const void *source, size_t count) {
    unsigned char *d = dest;
    const unsigned char *s = source;
    while (count--) *d++ = *s++;
    return dest;
}

void *memmove(void *dest, const void *source, size_t count) {
    unsigned char *d = dest;
    const unsigned char *s = source;
    if (d <= s) {
        while (count--) *d++ = *s++;
    } else {
        while (count--) d[count] = s[count];
    }
    return dest;
}

int memcmp(const void *a, const void *b, size_t count) {
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < count; i++) if (x[i] != y[i]) return x[i] - y[i];
    return 0;
}

/// The least integral value not below x (IEEE 754 double): exact for |x| < 2^52 through a
/// 64-bit integer, x itself above that (already integral), for infinities and NaN.
double ceil(double x) {
    if (!(x > -4503599627370496.0 && x < 4503599627370496.0)) return x;
    double t = (double)(int64_t)x;  // rounds toward zero
    if (t < x) t += 1.0;
    if (t == 0.0 && x < 0.0) return -0.0;
    return t;
}

#if defined(__arm__)
void __aeabi_memcpy(void *d, const void *s, size_t n) { memcpy(d, s, n); }
void __aeabi_memcpy4(void *d, const void *s, size_t n) { memcpy(d, s, n); }
void __aeabi_memcpy8(void *d, const void *s, size_t n) { memcpy(d, s, n); }
void __aeabi_memmove(void *d, const void *s, size_t n) { memmove(d, s, n); }
void __aeabi_memmove4(void *d, const void *s, size_t n) { memmove(d, s, n); }
void __aeabi_memmove8(void *d, const void *s, size_t n) { memmove(d, s, n); }
// Note the argument order of the ABI's memset: (dest, count, value).
void __aeabi_memset(void *d, size_t n, int c) { memset(d, c, n); }
void __aeabi_memset4(void *d, size_t n, int c) { memset(d, c, n); }
void __aeabi_memset8(void *d, size_t n, int c) { memset(d, c, n); }
void __aeabi_memclr(void *d, size_t n) { memset(d, 0, n); }
void __aeabi_memclr4(void *d, size_t n) { memset(d, 0, n); }
void __aeabi_memclr8(void *d, size_t n) { memset(d, 0, n); }
#endif

#if defined(__arm__)
// The objects' unwind tables name these personality routines; nothing here ever unwinds (Swift
// traps, it does not throw through C frames), so stubs keep libgcc's unwinder out of the image.
void __aeabi_unwind_cpp_pr0(void) { __builtin_trap(); }
void __aeabi_unwind_cpp_pr1(void) { __builtin_trap(); }
void __aeabi_unwind_cpp_pr2(void) { __builtin_trap(); }
#endif
