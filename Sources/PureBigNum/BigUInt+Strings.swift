// Hexadecimal and decimal text for BigUInt.

extension BigUInt {
    /// 10^19, the largest power of ten that fits in a 64-bit word: decimal conversion works
    /// on 19-digit chunks so that it needs one word division per limb per chunk.
    static let decimalChunkBase: UInt64 = 10_000_000_000_000_000_000
    static let decimalChunkDigits = 19

    /// Parses a hexadecimal string.
    ///
    /// Accepts an optional `0x` or `0X` prefix, upper- and lowercase digits, any number of
    /// digits (odd lengths and leading zeros included). Nothing else: no sign, no spaces, no
    /// underscores.
    ///
    /// - Parameter hex: the text.
    /// - Throws: `BigNumError.emptyString` when there are no digits (`""` or `"0x"`);
    ///   `BigNumError.invalidDigit(offset:)` for the first character that is not a hex digit,
    ///   with its offset in UTF-8 bytes from the start of `hex` (prefix included).
    public init(hex: some StringProtocol) throws(BigNumError) {
        let utf8 = hex.utf8
        var index = utf8.startIndex
        var offset = 0
        if utf8.count >= 2 {
            let first = utf8[index]
            let second = utf8[utf8.index(after: index)]
            if first == UInt8(ascii: "0") && (second == UInt8(ascii: "x") || second == UInt8(ascii: "X")) {
                index = utf8.index(index, offsetBy: 2)
                offset = 2
            }
        }
        let digitCount = utf8.count - offset
        guard digitCount > 0 else { throw .emptyString }

        var limbs = [UInt64](repeating: 0, count: (digitCount + 15) / 16)
        var position = digitCount  // digits still to come, counting this one
        while index != utf8.endIndex {
            guard let digit = BigUInt.hexDigitValue(utf8[index]) else {
                throw .invalidDigit(offset: offset)
            }
            position -= 1
            limbs[position / 16] |= UInt64(digit) << UInt64((position % 16) * 4)
            index = utf8.index(after: index)
            offset += 1
        }
        self.init(limbs: limbs)
    }

    /// Parses a decimal string of ASCII digits `0`–`9` (leading zeros allowed; no sign, no
    /// spaces, no separators).
    ///
    /// Runs in O(n²) word operations with a small constant: it folds in 19 digits at a time.
    ///
    /// - Parameter decimal: the text.
    /// - Throws: `BigNumError.emptyString` when `decimal` is empty;
    ///   `BigNumError.invalidDigit(offset:)` for the first character that is not a decimal
    ///   digit, with its offset in UTF-8 bytes.
    public init(decimal: some StringProtocol) throws(BigNumError) {
        let utf8 = decimal.utf8
        guard !utf8.isEmpty else { throw .emptyString }
        var value = BigUInt()
        var chunk: UInt64 = 0
        var chunkDigits = 0
        var offset = 0
        for byte in utf8 {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                throw .invalidDigit(offset: offset)
            }
            chunk = chunk * 10 + UInt64(byte - UInt8(ascii: "0"))
            chunkDigits += 1
            offset += 1
            if chunkDigits == BigUInt.decimalChunkDigits {
                value.multiply(byLimb: BigUInt.decimalChunkBase)
                value.add(limb: chunk)
                chunk = 0
                chunkDigits = 0
            }
        }
        if chunkDigits > 0 {
            var scale: UInt64 = 1
            for _ in 0..<chunkDigits { scale *= 10 }
            value.multiply(byLimb: scale)
            value.add(limb: chunk)
        }
        self = value
    }

    /// The value in lowercase hexadecimal without prefix or leading zeros; `"0"` for zero.
    public var hexString: String {
        guard let top = limbs.last else { return "0" }
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(limbs.count * 16)
        let topDigits = (64 - top.leadingZeroBitCount + 3) / 4
        for k in stride(from: topDigits - 1, through: 0, by: -1) {
            out.append(digits[Int((top >> UInt64(k * 4)) & 0xf)])
        }
        var i = limbs.count - 2
        while i >= 0 {
            let limb = limbs[i]
            for k in stride(from: 15, through: 0, by: -1) {
                out.append(digits[Int((limb >> UInt64(k * 4)) & 0xf)])
            }
            i -= 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of an ASCII hex digit, or `nil`.
    static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension BigUInt: CustomStringConvertible {
    /// The value in decimal, without leading zeros; `"0"` for zero.
    ///
    /// Peels off 19 digits per word division pass, so a 4096-bit value (1,234 digits) takes
    /// 65 passes over at most 64 limbs.
    public var description: String {
        if isZero { return "0" }
        var rest = self
        var chunks: [UInt64] = []  // least significant first
        while !rest.isZero {
            chunks.append(rest.divide(byLimb: BigUInt.decimalChunkBase))
        }
        var out: [UInt8] = []
        out.reserveCapacity(chunks.count * BigUInt.decimalChunkDigits)
        var buffer = [UInt8](repeating: 0, count: BigUInt.decimalChunkDigits)
        for (index, chunk) in chunks.reversed().enumerated() {
            var value = chunk
            for k in stride(from: BigUInt.decimalChunkDigits - 1, through: 0, by: -1) {
                buffer[k] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
            // The most significant chunk drops its leading zeros; the others keep all 19 digits.
            let start = index == 0 ? (buffer.firstIndex { $0 != UInt8(ascii: "0") } ?? 0) : 0
            out.append(contentsOf: buffer[start...])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
