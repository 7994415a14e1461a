/// A JSON number: an exact 64-bit integer or a finite 64-bit float.
///
/// Integers written without fraction or exponent that fit in `Int64` are kept exactly (JWT
/// times are integers). Every other number is a finite `Double`, as JavaScript would hold it.
/// NaN and infinities are refused at construction, so a `JSONNumber` can always be written.
/// A number read by the parser also keeps the literal as it was written (``sourceText``).
///
/// Serialization follows JavaScript's `JSON.stringify` for the same numeric value: integers are
/// written in decimal without fraction; floats use `Number.prototype.toString` (shortest digits
/// that read back to the same float, exponent form below 1e-6 and from 1e21, `-0` as `0`).
/// An `Int64` whose magnitude exceeds 2^53 has no exact JavaScript counterpart; it is written
/// exactly, digit for digit.
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    /// The stored value: an exact integer or a finite float.
    @_spi(Internals) public enum Storage: Sendable {
        /// An exact integer.
        case integer(Int64)
        /// A finite float (never NaN or infinite).
        case double(Double)
    }

    /// The stored value.
    @_spi(Internals) public let storage: Storage
    /// The literal as it appeared in parsed input; `nil` for numbers built in code.
    public let sourceText: String?

    /// Makes an exact integer number.
    ///
    /// - Parameter value: the integer.
    public init(_ value: Int64) {
        storage = .integer(value)
        sourceText = nil
    }

    /// Makes a number from a float.
    ///
    /// - Parameter value: a finite float. `-0.0` is kept but written as `0`, as JavaScript does.
    /// - Throws: `JSONError` with reason `.nonFiniteNumber` for NaN and infinities
    ///   (JavaScript's `JSON.stringify` would silently write `null`; refusing is safer).
    public init(_ value: Double) throws(JSONError) {
        guard value.isFinite else { throw JSONError(.nonFiniteNumber, at: 0) }
        storage = .double(value)
        sourceText = nil
    }

    init(storage: Storage, sourceText: String?) {
        self.storage = storage
        self.sourceText = sourceText
    }

    /// The value as a float (rounded to nearest when an integer exceeds 2^53).
    public var doubleValue: Double {
        switch storage {
        case let .integer(i): return Double(i)
        case let .double(d): return d
        }
    }

    /// The value as an exact `Int64`, or `nil` when it has a fraction or does not fit.
    ///
    /// A float qualifies when it is a whole number inside the `Int64` range (`1e9` gives
    /// 1000000000, `1.5` and `1e300` give `nil`).
    public var int64Value: Int64? {
        switch storage {
        case let .integer(i): return i
        case let .double(d): return JSONNumber.exactInt64(d)
        }
    }

    /// Numbers are equal when their numeric values are equal (`1`, `1.0` and `1e0` are equal,
    /// and so are `0` and `-0`, as in JavaScript); ``sourceText`` is ignored.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case let (.integer(a), .integer(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.integer(i), .double(d)), let (.double(d), .integer(i)):
            return JSONNumber.exactInt64(d) == i
        }
    }

    /// `d` as an `Int64` when it is a whole number in range, by inspecting its bits
    /// (the standard library's `Int64(exactly:)` calls libm's `trunc`, which fails to link
    /// here without Foundation or Glibc).
    static func exactInt64(_ d: Double) -> Int64? {
        guard d.isFinite else { return nil }
        if d == 0 { return 0 }
        guard d.isNormal else { return nil }  // subnormals are far below 1
        let e = Int(d.exponent)  // |d| is in [2^e, 2^(e+1))
        guard e >= 0 else { return nil }
        if e >= 63 {
            return d == -9_223_372_036_854_775_808.0 ? Int64.min : nil
        }
        let significand = (UInt64(1) << 52) | d.significandBitPattern
        let magnitude: UInt64
        if e >= 52 {
            magnitude = significand << UInt64(e - 52)
        } else {
            let fractionBits = UInt64(52 - e)
            guard significand & ((UInt64(1) << fractionBits) - 1) == 0 else { return nil }
            magnitude = significand >> fractionBits
        }
        return d < 0 ? -Int64(magnitude) : Int64(magnitude)
    }

    /// The number as JavaScript's `JSON.stringify` writes it.
    public var description: String {
        switch storage {
        case let .integer(i): return String(i)
        case let .double(d): return JSONNumber.javaScriptString(d)
        }
    }

    /// Formats a finite float the way ECMAScript `Number::toString(x)` does (ECMA-262 §6.1.6.1.20).
    ///
    /// The shortest round-trip digits come from Swift's own `description` (which, like V8, picks
    /// the shortest digit string that reads back to `x` and, among those, the closest to `x`); only
    /// the layout (where the point goes, when to switch to exponent form) is ECMAScript's.
    static func javaScriptString(_ x: Double) -> String {
        if x == 0 { return "0" }  // both +0 and -0
        var digits: [UInt8] = []
        var pointPosition = -1  // digits before the decimal point, -1 until a '.' is seen
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        let text = x.magnitude.description
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                } else {
                    digits.append(byte)
                }
            case UInt8(ascii: "."): pointPosition = digits.count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-"): exponentSign = -1
            default: break  // '+'
            }
        }
        if pointPosition < 0 { pointPosition = digits.count }
        // value = 0.d1d2…dk × 10^n
        var n = pointPosition + exponentSign * exponent
        var start = 0
        while start < digits.count && digits[start] == UInt8(ascii: "0") {
            start += 1
            n -= 1
        }
        var end = digits.count
        while end > start && digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
        let s = Array(digits[start..<end])
        let k = s.count
        var out: [UInt8] = x < 0 ? [UInt8(ascii: "-")] : []
        if k <= n && n <= 21 {
            out += s
            out += [UInt8](repeating: UInt8(ascii: "0"), count: n - k)
        } else if 0 < n && n <= 21 {
            out += s[0..<n]
            out.append(UInt8(ascii: "."))
            out += s[n...]
        } else if -6 < n && n <= 0 {
            out += [UInt8(ascii: "0"), UInt8(ascii: ".")]
            out += [UInt8](repeating: UInt8(ascii: "0"), count: -n)
            out += s
        } else {
            out.append(s[0])
            if k > 1 {
                out.append(UInt8(ascii: "."))
                out += s[1...]
            }
            out.append(UInt8(ascii: "e"))
            out.append(n - 1 >= 0 ? UInt8(ascii: "+") : UInt8(ascii: "-"))
            out += String((n - 1).magnitude).utf8
        }
        return String(decoding: out, as: UTF8.self)
    }
}
