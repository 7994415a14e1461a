// `_swift_stdlib_strtod_clocale`: what the standard library's `Double(_: String)` calls. The full
// Swift runtime implements it in C++ over the C library's strtod; Embedded Swift has no runtime,
// so every Embedded target that links PureJWT (whose JSON parser reads non-integer numbers with
// `Double(text)`) must provide it. This one reads decimal numbers (the JSON grammar, plus a
// leading '+' and forms like "1." or ".5") and rounds correctly (to nearest, ties to even),
// exactly, with BigUInt arithmetic. It does not read "inf", "nan" or hexadecimal floats: for those
// `Double(text)` returns nil.
//
// Not part of the library: Scripts/wasm/build.sh compiles this file when it links PureJWT.

@_spi(Internals) import PureBigNum

@_cdecl("_swift_stdlib_strtod_clocale")
public func strtodCLocale(
    _ text: UnsafePointer<CChar>, _ result: UnsafeMutablePointer<Double>
) -> UnsafePointer<CChar>? {
    let bytes = UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self)
    var i = 0
    var negative = false
    if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
        negative = bytes[i] == UInt8(ascii: "-")
        i += 1
    }
    // Significant digits (leading zeros skipped) and the decimal exponent they are scaled by.
    var digits: [UInt8] = []
    var scale = 0
    var sawDigit = false
    var inFraction = false
    while true {
        let c = bytes[i]
        if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
            sawDigit = true
            if !(digits.isEmpty && c == UInt8(ascii: "0")) { digits.append(c - UInt8(ascii: "0")) }
            if inFraction { scale -= 1 }
            // A digit after the leading zeros but before the point scales nothing.
        } else if c == UInt8(ascii: ".") && !inFraction {
            inFraction = true
        } else {
            break
        }
        i += 1
    }
    guard sawDigit else { return nil }
    if bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
        var j = i + 1
        var exponentNegative = false
        if bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") {
            exponentNegative = bytes[j] == UInt8(ascii: "-")
            j += 1
        }
        if bytes[j] >= UInt8(ascii: "0") && bytes[j] <= UInt8(ascii: "9") {
            var exponent = 0
            while bytes[j] >= UInt8(ascii: "0") && bytes[j] <= UInt8(ascii: "9") {
                // Saturate: beyond a million the answer is 0 or infinity anyway.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(bytes[j] - UInt8(ascii: "0")) }
                j += 1
            }
            scale += exponentNegative ? -exponent : exponent
            i = j
        }
    }
    result.pointee = decimalToDouble(digits, scale, negative: negative)
    return UnsafeRawPointer(text + i).assumingMemoryBound(to: CChar.self)
}

/// `±digits × 10^scale` rounded to the nearest Double (ties to even).
private func decimalToDouble(_ digits: [UInt8], _ scale: Int, negative: Bool) -> Double {
    let sign: FloatingPointSign = negative ? .minus : .plus
    guard !digits.isEmpty else { return negative ? -0.0 : 0.0 }
    // The value lies in [10^(magnitude-1), 10^magnitude).
    let magnitude = digits.count + scale
    if magnitude > 310 { return negative ? -Double.infinity : Double.infinity }
    if magnitude < -324 { return negative ? -0.0 : 0.0 }  // below 10^-325 < 2^-1075

    var n = BigUInt()
    for d in digits { n = n * BigUInt(10) + BigUInt(UInt64(d)) }
    // value = q · 2^shift, plus something below one unit of q when `sticky`.
    var q: BigUInt
    var shift: Int
    var sticky = false
    if scale >= 0 {
        q = n * power10(scale)
        shift = 0
    } else {
        let d = power10(-scale)
        // Enough quotient bits for 53 + a rounding bit + margin, subnormals included.
        let k = max(0, d.bitLength - n.bitLength + 56)
        let division = (try? (n << k).quotientAndRemainder(dividingBy: d))!
        q = division.quotient
        sticky = !division.remainder.isZero
        shift = -k
    }
    let top = q.bitLength - 1 + shift  // the value is in [2^top, 2^(top+1))
    let lsb = max(top - 52, -1074)  // the exponent of the last bit a Double keeps
    let drop = lsb - shift
    var mantissa: UInt64
    if drop <= 0 {
        // Exact (only when scale >= 0 and q has at most 53 bits).
        mantissa = q.limbs.first ?? 0
        return Double(sign: sign, exponent: shift, significand: Double(mantissa))
    }
    let kept = q >> drop
    mantissa = kept.limbs.first ?? 0
    let roundBit = q.bit(at: drop - 1)
    if !sticky { sticky = q.trailingZeroBitCount < drop - 1 }
    if roundBit && (sticky || mantissa & 1 == 1) { mantissa += 1 }
    // mantissa ≤ 2^53: exact as a Double, and so is mantissa · 2^lsb unless it overflows.
    return Double(sign: sign, exponent: lsb, significand: Double(mantissa))
}

private func power10(_ exponent: Int) -> BigUInt {
    var result = BigUInt(1)
    var base = BigUInt(10)
    var e = exponent
    while e > 0 {
        if e & 1 == 1 { result = result * base }
        e >>= 1
        if e > 0 { base = base * base }
    }
    return result
}
