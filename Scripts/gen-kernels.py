#!/usr/bin/env python3
"""Writes Sources/PureBigNum/MontgomeryKernelsUnrolled.swift: fully unrolled Montgomery
multiply and square for 16 limbs (1024 bits, the CRT halves of RSA-2048), and
Sources/PureBigNum/ReducedRadixKernelsUnrolled.swift: the same for 1024-, 1536- and 2048-bit
moduli held in 17 and 26 limbs of 61 bits and 35 of 60 (the reduced-radix form the secret ladder
uses; the forms tried and their figures are in docs/reduced-radix.md).

    python3 Scripts/gen-kernels.py          # rewrite the Swift files
    python3 Scripts/gen-kernels.py --check  # fail if a committed file is out of date

The generated code runs exactly the algorithm of `montgomeryMultiplyKernel` and
`montgomerySquareKernel` in Montgomery.swift (product scanning, the same three-word accumulator
`multiplyAccumulate`, the same masked final subtraction), with every loop unrolled and every
index a constant: straight-line code, no branch at all, addresses that depend on nothing but the
base pointers. The multiples u_i of the modulus live in local constants instead of a scratch row.

Why unrolled, measured here (x86_64 AMD EPYC Zen 5, Swift 6.3.1, same-run medians): 16-limb multiply
259 -> 237 ns, square 266 -> 199 ns. At 32 limbs full unrolling LOST (2.1 -> 3.0 us: about 60 KB
of code per kernel overflows the instruction cache, and the file took 5 minutes to compile), so
the 64-bit kernels are generated for 16 limbs only. (The reduced-radix kernels, with fewer
instructions per product and no carries, do win at 26 and 35 limbs: docs/reduced-radix.md.)

Tried on this machine (AMD EPYC Zen 5, Swift 6.3.1) and not kept — a harness timing each kernel
alone against this one (median of 7 x 200,000 dependent calls), then rs256-bench on the real path:
- multiplication row by row (FIOS, the row and two carry words in locals): 213 vs 232 ns alone,
  but modexp/ct/1024 went 290 -> 292-298 us over four alternating runs: no gain where it counts;
- squaring row by row (triangle, double, add the diagonal, reduce one or two rows at a time):
  194-201 vs 194-200 ns;
- each column's accumulator split into separate low-word and high-word sums: 197 vs 199 ns
  square, 240 vs 235 ns multiply;
- a UInt128 accumulator: 195-200 ns square, 220-234 ns multiply (and ~30x slower in debug);
- the p and q squarings of a CRT signature in one function, column by column or line by line
  interleaved (two independent chains): 472-478 ns for both against 389 ns for two calls — the
  kernel is bound by instruction throughput, not latency, and two chains spill more.
Every form lands at 8.5-9 instructions per word product: two fixed registers for `mulq` and one
carry flag cost the same however the sum is written; fewer needs mulx/adcx/adox.
"""
import pathlib
import sys

LIMBS = 16
OUT = pathlib.Path(__file__).resolve().parent.parent / "Sources/PureBigNum/MontgomeryKernelsUnrolled.swift"
# Reduced radix: L limbs of r bits; a column (2L products below 2^(2r) plus the carry) fits
# 128 bits when r = floor((128 - log2(2L + 1)) / 2). docs/reduced-radix.md has the bounds.
# (limbs, bits) of the generated reduced-radix kernels: 1024-, 1536- and 2048-bit moduli (the CRT
# halves of RSA-2048, -3072 and -4096). The 26- and 35-limb kernels are compiled for 64-bit
# targets only, the ones that use them (ReducedRadixConstants.shape(forWordCount:)).
RADIX_SHAPES = [(17, 61), (26, 61), (35, 60)]
RADIX_64_BIT_ONLY = {26, 35}
RADIX_OUT = OUT.parent / "ReducedRadixKernelsUnrolled.swift"


def mac(x, y):
    return f"    multiplyAccumulate(&t0, &t1, &t2, {x}, {y})"


def final_subtraction(lines, n, top):
    lines.append(f"    // The result r + {top}·R is < 2m: subtract m, keep the difference unless it borrowed")
    lines.append(f"    // and {top} is 0 (always computed, chosen by a mask).")
    lines.append("    var borrow: UInt64 = 0")
    for i in range(n):
        lines.append(f"    let d{i}: UInt64")
        lines.append(f"    (d{i}, borrow) = subtractWithBorrow(r{i}, m[{i}], borrow)")
    lines.append(f"    let keep = Choice(word: borrow & ~{top} & 1).mask")
    for i in range(n):
        lines.append(f"    out[{i}] = (r{i} & keep) | (d{i} & ~keep)")


def multiply(n):
    lines = [
        f"/// `out = a·b·R⁻¹ mod m` for {n} limbs: ``montgomeryMultiplyKernel`` unrolled.",
        "///",
        "/// Preconditions as for the kernel; `out` may be `a` or `b` (every limb is read before the",
        "/// first store). Timing: straight-line code, the same for every operand value.",
        "@inline(__always)",
        f"func montgomeryMultiply{n}Unrolled(",
        "    _ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>,",
        "    _ m: UnsafePointer<UInt64>, _ m0inv: UInt64",
        ") {",
        "    var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0",
    ]
    for i in range(n):
        lines.append(f"    // Column {i}.")
        for j in range(i):
            lines.append(mac(f"a[{j}]", f"b[{i - j}]"))
            lines.append(mac(f"u{j}", f"m[{i - j}]"))
        lines.append(mac(f"a[{i}]", "b[0]"))
        lines.append(f"    let u{i} = t0 &* m0inv")
        lines.append(mac(f"u{i}", "m[0]") + "   // clears t0")
        lines.append("    (t0, t1, t2) = (t1, t2, 0)")
    for i in range(n, 2 * n):
        lines.append(f"    // Column {i}.")
        for j in range(i - n + 1, n):
            lines.append(mac(f"a[{j}]", f"b[{i - j}]"))
            lines.append(mac(f"u{j}", f"m[{i - j}]"))
        lines.append(f"    let r{i - n} = t0")
        lines.append("    (t0, t1, t2) = (t1, t2, 0)")
    final_subtraction(lines, n, "t0")
    lines.append("}")
    return lines


def square(n):
    lines = [
        f"/// `out = a²·R⁻¹ mod m` for {n} limbs: ``montgomerySquareKernel`` unrolled.",
        "///",
        "/// Preconditions as for the kernel; `out` may be `a`. Timing: straight-line code, the same",
        "/// for every operand value.",
        "@inline(__always)",
        f"func montgomerySquare{n}Unrolled(",
        "    _ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>,",
        "    _ m: UnsafePointer<UInt64>, _ m0inv: UInt64",
        ") {",
        "    var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0",
        "    var c0: UInt64 = 0, c1: UInt64 = 0, c2: UInt64 = 0, carry: UInt64 = 0",
    ]
    for i in range(2 * n - 1):
        lines.append(f"    // Column {i}.")
        first = 0 if i < n else i - n + 1
        cross = [j for j in range(first, n) if 2 * j < i]
        if cross:
            lines.append("    (c0, c1, c2) = (0, 0, 0)")
            for j in cross:
                lines.append(f"    multiplyAccumulate(&c0, &c1, &c2, a[{j}], a[{i - j}])")
            lines.append("    (t0, carry) = addWithCarry(t0, c0 &<< 1, 0)")
            lines.append("    (t1, carry) = addWithCarry(t1, (c1 &<< 1) | (c0 &>> 63), carry)")
            lines.append("    t2 = t2 &+ ((c2 &<< 1) | (c1 &>> 63)) &+ carry")
        if i % 2 == 0:
            lines.append(mac(f"a[{i // 2}]", f"a[{i // 2}]"))
        last = i if i < n else n
        for j in range(first, last):
            lines.append(mac(f"u{j}", f"m[{i - j}]"))
        if i < n:
            lines.append(f"    let u{i} = t0 &* m0inv")
            lines.append(mac(f"u{i}", "m[0]") + "   // clears t0")
        else:
            lines.append(f"    let r{i - n} = t0")
        lines.append("    (t0, t1, t2) = (t1, t2, 0)")
    lines.append(f"    // Column {2 * n - 1} has no products.")
    lines.append(f"    let r{n - 1} = t0")
    final_subtraction(lines, n, "t1")
    lines.append("}")
    return lines


def source():
    header = [
        "// GENERATED by Scripts/gen-kernels.py — do not edit; change the script and rerun it.",
        "//",
        f"// Fully unrolled {LIMBS}-limb Montgomery multiply and square (see the script for why and",
        "// what was measured). They run the algorithms of Montgomery.swift with constant indices, so",
        "// the property tests that compare the specialised kernels with the generic one cover them.",
        "// Laid out by the script, not by swift-format:",
        "// swift-format-ignore-file",
        "",
    ]
    return "\n".join(header + multiply(LIMBS) + [""] + square(LIMBS)) + "\n"


def wide(x, y):
    # A call of one concretely typed function, not `UInt128(x) &* UInt128(y)`: the type checker
    # resolved those generic operators in every one of ~8,000 lines (20 s of the module's build).
    return f"wideProduct({x}, {y})"


# A kernel with more products than this is emitted as consecutive `@inline(never)` parts (whole
# columns each, the accumulator passed from one to the next): PureBigNum's -O compile took 68 s
# with the 26- and 35-limb kernels whole and 52 s in parts, and the parts run as fast
# (docs/reduced-radix.md).
PART_PRODUCTS = 640


def radix_column(i, n, r, products):
    """Column i: its product lines, then the column end; with its index and number of products."""
    lines = [f"    // Column {i}."] + products + radix_column_end(i, n, r)
    return i, lines, sum(line.count("wideProduct(") for line in lines)


def radix_multiply_columns(n, r):
    """The multiplication's columns."""
    columns = []
    for i in range(2 * n - 1):
        products = []
        for j in range(max(0, i - n + 1), min(i, n - 1) + 1):
            products.append(f"    t &+= {wide(f'a[{j}]', f'b[{i - j}]')}")
            if j < i:
                products.append(f"    t &+= {wide(f'u[{j}]', f'm[{i - j}]')}")
        columns.append(radix_column(i, n, r, products))
    return columns


def radix_square_columns(n, r):
    """The square's columns: the products uⱼ·mᵢ₋ⱼ, then the cross products summed once each in
    `c` and added twice, then the diagonal."""
    columns = []
    for i in range(2 * n - 1):
        first = max(0, i - n + 1)
        products = [f"    t &+= {wide(f'u[{j}]', f'm[{i - j}]')}" for j in range(first, min(i, n))]
        cross = [j for j in range(first, n) if 2 * j < i and i - j < n]
        if cross:
            products.append(f"    c = {wide(f'a[{cross[0]}]', f'a[{i - cross[0]}]')}")
            for j in cross[1:]:
                products.append(f"    c &+= {wide(f'a[{j}]', f'a[{i - j}]')}")
            products.append("    t &+= c &+ c")
        if i % 2 == 0:
            products.append(f"    t &+= {wide(f'a[{i // 2}]', f'a[{i // 2}]')}")
        columns.append(radix_column(i, n, r, products))
    return columns


def radix_kernel(name, doc, operands, arguments, columns, n, r):
    """One `@inline(never)` kernel: its columns in its own body, or split into parts of at most
    PART_PRODUCTS products (whole columns), each taking the accumulator and returning it."""
    pointers = "    _ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, " + operands
    parameters = [pointers, "    _ m: UnsafePointer<UInt64>, _ m0inv: UInt64, _ u: UnsafeMutablePointer<UInt64>"]
    parts = [[]]
    for column in columns:
        if parts[-1] and sum(products for _, _, products in parts[-1]) + column[2] > PART_PRODUCTS:
            parts.append([])
        parts[-1].append(column)

    def body(part):
        lines = [f"    let mask: UInt64 = (1 &<< {r}) &- 1"]
        if any(line.startswith("    c = ") for _, column, _ in part for line in column):
            lines.append("    var c: UInt128")
        for _, column, _ in part:
            lines += column
        return lines

    head = doc + ["@inline(never)", f"func {name}("] + parameters + [") {", "    var t: UInt128 = 0"]
    if len(parts) == 1:
        return head + body(parts[0]) + [f"    out[{n - 1}] = UInt64(truncatingIfNeeded: t)", "}"]
    lines = head + [f"    t = {name}Part{k}(t, {arguments})" for k in range(len(parts))]
    lines += [f"    out[{n - 1}] = UInt64(truncatingIfNeeded: t)", "}"]
    for k, part in enumerate(parts):
        lines += [
            "",
            f"/// Columns {part[0][0]}–{part[-1][0]} of ``{name}``: takes and returns the column accumulator.",
            "@inline(never)",
            f"func {name}Part{k}(",
            "    _ t: UInt128,",
        ] + parameters + [") -> UInt128 {", "    var t = t"] + body(part) + ["    return t", "}"]
    return lines


def radix_multiply(n, r):
    doc = [
        f"/// `out = a·b·R⁻¹ mod m` with R = 2^({r}·{n}), in {n} limbs of {r} bits, lazily reduced.",
        "///",
        f"/// Preconditions: every limb of `a`, `b`, `m` is below 2^{r}; a, b < 2m; 4m < R; `m0inv` is",
        f"/// −m⁻¹ mod 2^{r}; `u` has {n} scratch limbs overlapping nothing. Result: < 2m, every limb",
        f"/// below 2^{r}. `out` may be `a` or `b` (limb k is stored after the last read of limbs",
        "/// ≤ k). Timing: straight-line code, the same for every operand value.",
    ]
    return radix_kernel(
        f"reducedRadixMultiply{n}", doc, "_ b: UnsafePointer<UInt64>,", "out, a, b, m, m0inv, u",
        radix_multiply_columns(n, r), n, r)


def radix_column_end(i, n, r):
    """The end of column i, the same in the multiplication and the square: below n, the limb
    u_i of the multiple of m that clears the column's low r bits; from n on, a result limb; then
    the shift to the next column."""
    if i < n:
        lines = [
            f"    let u{i} = (UInt64(truncatingIfNeeded: t) &* m0inv) & mask",
            f"    u[{i}] = u{i}",
            f"    t &+= {wide(f'u{i}', 'm[0]')}   // clears the low {r} bits",
        ]
    else:
        lines = [f"    out[{i - n}] = UInt64(truncatingIfNeeded: t) & mask"]
    return lines + [f"    t &>>= {r}"]


def radix_square(n, r):
    doc = [
        f"/// `out = a²·R⁻¹ mod m` with R = 2^({r}·{n}), in {n} limbs of {r} bits, lazily reduced.",
        "///",
        "/// Preconditions and result as for the multiplication. Each column adds its products uⱼ·mᵢ₋ⱼ",
        "/// first, then sums its cross products aⱼ·aᵢ₋ⱼ (j < i − j) once each in a second accumulator",
        "/// and adds it twice as c + c (c is below 2^(2r)·L/2, so nothing overflows), then the diagonal.",
        "/// `out` may be `a`. Timing: straight-line code, the same for every operand value.",
    ]
    return radix_kernel(
        f"reducedRadixSquare{n}", doc, "", "out, a, m, m0inv, u", radix_square_columns(n, r), n, r)


def radix_source():
    shapes = ", ".join(f"{n} limbs of {r} bits" for n, r in RADIX_SHAPES)
    header = [
        "// GENERATED by Scripts/gen-kernels.py — do not edit; change the script and rerun it.",
        "//",
        f"// Fully unrolled reduced-radix Montgomery multiply and square: {shapes};",
        "// each column summed in one UInt128 with no carry out (the bounds: docs/reduced-radix.md).",
        "// Laid out by the script, not by swift-format:",
        "// swift-format-ignore-file",
    ]
    body = []
    for n, r in RADIX_SHAPES:
        kernels = radix_multiply(n, r) + [""] + radix_square(n, r)
        if n in RADIX_64_BIT_ONLY:
            kernels = ["#if arch(x86_64) || arch(arm64) || arch(riscv64)"] + kernels + ["#endif"]
        body += [""] + kernels
    return "\n".join(header + body) + "\n"


if __name__ == "__main__":
    outputs = [(OUT, source()), (RADIX_OUT, radix_source())]
    if sys.argv[1:] == ["--check"]:
        stale = [str(path) for path, text in outputs if not path.exists() or path.read_text() != text]
        if stale:
            sys.exit(f"{', '.join(stale)} out of date: run Scripts/gen-kernels.py")
        print("gen-kernels: up to date")
    else:
        for path, text in outputs:
            path.write_text(text)
            print(f"gen-kernels: wrote {path}")
