// The test server every board runs: it reads one request per line from the host
// (Scripts/boards/run.mjs), calls the C-ABI exports of Scripts/wasm/Exports*.swift (the same
// functions the wasm32 test calls) and answers one line. The host holds the vectors and makes
// every comparison; this side only computes. Requests (numbers in decimal, bytes in hex):
//
//   c NAME ARG...    call an export, answer "= RESULT"
//   w ADDR HEX       store bytes at ADDR (a block from pure_alloc), answer "="
//   r ADDR COUNT     answer "= HEX" with COUNT bytes at ADDR
//   s                repaint the unused stack (microcontroller), answer "="
//   S                answer "= BYTES": the deepest stack use since the last "s" (-1: not measured)
//   q                exit with status 0
//
// Anything else is answered "! reason" and the host fails. Not part of the library: only the
// runners in Scripts/boards/ compile this file.

#include <stdint.h>
#include <stddef.h>
#include "board.h"

// The exports (Scripts/wasm/Exports.swift, ExportsRSA.swift, ExportsJWT.swift, Runtime.swift).
// Swift's Int is intptr_t, Int32 int32_t, Int64 int64_t, UInt uintptr_t.
typedef intptr_t Int;
extern Int pure_int_bits(void);
extern uintptr_t pure_heap_used(void);
extern void *pure_alloc(Int);
extern void pure_free(void *);
extern void pure_sha256(const void *, Int, uint8_t *);
extern void pure_sha256_chunked(const void *, Int, Int, uint8_t *);
extern int32_t pure_modexp(const void *, Int, const void *, Int, const void *, Int, uint8_t *, Int);
extern int32_t pure_modexp_montgomery(const void *, Int, const void *, Int, const void *, Int, int32_t, uint8_t *, Int);
extern int32_t pure_rs256_sign(const void *, Int, const void *, Int, uint8_t *, Int);
extern int32_t pure_rs256_verify(const void *, Int, const void *, Int, const void *, Int);
extern int32_t pure_jwt_sign_json(const void *, Int, const void *, Int, const void *, Int, uint8_t *, Int);
extern int32_t pure_jwt_tenant_token(const void *, Int, const void *, Int, int64_t, int64_t, uint8_t *, Int);
extern int32_t pure_jwt_verify(const void *, Int, const void *, Int, int64_t);
extern int32_t pure_json_restringify(const void *, Int, uint8_t *, Int);

#define LINE_CAPACITY 4096
static char line[LINE_CAPACITY];
static char reply[LINE_CAPACITY];
static unsigned char input[512];
static size_t inputStart, inputEnd;

// One line without its '\n'; -1 at end of input, -2 if longer than LINE_CAPACITY - 1.
static long readLine(void) {
    size_t n = 0;
    for (;;) {
        if (inputStart == inputEnd) {
            long got = board_read(input, sizeof input);
            if (got <= 0) return -1;
            inputStart = 0;
            inputEnd = (size_t)got;
        }
        char c = (char)input[inputStart++];
        if (c == '\n') { line[n] = 0; return (long)n; }
        if (n + 1 >= LINE_CAPACITY) return -2;
        line[n++] = c;
    }
}

static size_t length(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static void answer(const char *text) {
    board_write(text, length(text));
    board_write("\n", 1);
}

static const char *cursor;

static int nextWord(const char **start, size_t *count) {
    while (*cursor == ' ') cursor++;
    if (!*cursor) return 0;
    *start = cursor;
    while (*cursor && *cursor != ' ') cursor++;
    *count = (size_t)(cursor - *start);
    return 1;
}

static int nextNumber(int64_t *value) {
    const char *s; size_t n;
    if (!nextWord(&s, &n)) return 0;
    int negative = s[0] == '-';
    size_t i = negative ? 1 : 0;
    if (i == n) return 0;
    uint64_t v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *value = negative ? -(int64_t)v : (int64_t)v;
    return 1;
}

static int nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

static void formatNumber(char *out, int64_t value) {
    char digits[24];
    int n = 0;
    uint64_t v = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    do { digits[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    size_t k = 0;
    out[k++] = '=';
    out[k++] = ' ';
    if (value < 0) out[k++] = '-';
    while (n) out[k++] = digits[--n];
    out[k] = 0;
}

static int same(const char *s, size_t n, const char *name) {
    size_t i = 0;
    for (; i < n; i++) if (name[i] != s[i]) return 0;
    return name[i] == 0;
}

#define P(i) ((void *)(uintptr_t)a[i])
#define I(i) ((Int)a[i])

static int call(const char *name, size_t n, const int64_t *a, int count, int64_t *result) {
#define IS(fn, arity) (same(name, n, #fn) && count == (arity))
    if (IS(pure_int_bits, 0)) *result = pure_int_bits();
    else if (IS(pure_heap_used, 0)) *result = (int64_t)pure_heap_used();
    else if (IS(pure_alloc, 1)) *result = (int64_t)(uintptr_t)pure_alloc(I(0));
    else if (IS(pure_free, 1)) { pure_free(P(0)); *result = 0; }
    else if (IS(pure_sha256, 3)) { pure_sha256(P(0), I(1), P(2)); *result = 0; }
    else if (IS(pure_sha256_chunked, 4)) { pure_sha256_chunked(P(0), I(1), I(2), P(3)); *result = 0; }
    else if (IS(pure_modexp, 8)) *result = pure_modexp(P(0), I(1), P(2), I(3), P(4), I(5), P(6), I(7));
    else if (IS(pure_modexp_montgomery, 9))
        *result = pure_modexp_montgomery(P(0), I(1), P(2), I(3), P(4), I(5), (int32_t)a[6], P(7), I(8));
    else if (IS(pure_rs256_sign, 6)) *result = pure_rs256_sign(P(0), I(1), P(2), I(3), P(4), I(5));
    else if (IS(pure_rs256_verify, 6)) *result = pure_rs256_verify(P(0), I(1), P(2), I(3), P(4), I(5));
    else if (IS(pure_jwt_sign_json, 8)) *result = pure_jwt_sign_json(P(0), I(1), P(2), I(3), P(4), I(5), P(6), I(7));
    else if (IS(pure_jwt_tenant_token, 8))
        *result = pure_jwt_tenant_token(P(0), I(1), P(2), I(3), a[4], a[5], P(6), I(7));
    else if (IS(pure_jwt_verify, 5)) *result = pure_jwt_verify(P(0), I(1), P(2), I(3), a[4]);
    else if (IS(pure_json_restringify, 4)) *result = pure_json_restringify(P(0), I(1), P(2), I(3));
    else return 0;
    return 1;
#undef IS
}

_Noreturn void board_serve(void) {
    for (;;) {
        long n = readLine();
        if (n == -1) board_exit(3);  // the host went away without "q"
        if (n == -2) { answer("! request line too long"); continue; }
        cursor = line + 1;
        int64_t result = 0;
        switch (line[0]) {
        case 'c': {
            const char *name; size_t nameLength;
            int64_t a[10];
            int count = 0;
            if (!nextWord(&name, &nameLength)) { answer("! call without a name"); break; }
            while (count < 10 && nextNumber(&a[count])) count++;
            if (*cursor) { answer("! bad argument"); break; }
            if (!call(name, nameLength, a, count, &result)) { answer("! unknown export or wrong argument count"); break; }
            formatNumber(reply, result);
            answer(reply);
            break;
        }
        case 'w': {
            int64_t address;
            const char *hex; size_t hexLength;
            if (!nextNumber(&address) || !nextWord(&hex, &hexLength) || hexLength % 2) { answer("! bad write"); break; }
            unsigned char *p = (unsigned char *)(uintptr_t)address;
            int ok = 1;
            for (size_t i = 0; i < hexLength; i += 2) {
                int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
                if (hi < 0 || lo < 0) { ok = 0; break; }
                p[i / 2] = (unsigned char)(hi << 4 | lo);
            }
            answer(ok ? "=" : "! bad hex");
            break;
        }
        case 'r': {
            int64_t address, count;
            if (!nextNumber(&address) || !nextNumber(&count) || count < 0 || 2 * count + 3 > LINE_CAPACITY) {
                answer("! bad read");
                break;
            }
            const unsigned char *p = (const unsigned char *)(uintptr_t)address;
            static const char digits[] = "0123456789abcdef";
            reply[0] = '=';
            reply[1] = ' ';
            for (int64_t i = 0; i < count; i++) {
                reply[2 + 2 * i] = digits[p[i] >> 4];
                reply[3 + 2 * i] = digits[p[i] & 15];
            }
            reply[2 + 2 * count] = 0;
            answer(reply);
            break;
        }
        case 's': board_stack_paint(); answer("="); break;
        case 'S': formatNumber(reply, board_stack_peak()); answer(reply); break;
        case 'q': board_exit(0); break;
        default: answer("! unknown request"); break;
        }
    }
}
