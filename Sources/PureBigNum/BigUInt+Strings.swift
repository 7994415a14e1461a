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
    @_spi(Internals) public init(hex: some StringProtocol) throws(BigNumError) {
        self = try BigUInt.withUTF8(of: hex, BigUInt.parseHex).get()
    }

    /// Calls `body` on the UTF-8 bytes of `text` in contiguous memory, so that parsing runs in
    /// non-generic code (an unspecialized loop over `StringProtocol.UTF8View` from another
    /// module costs a witness call per character).
    private static func withUTF8(
        of text: some StringProtocol,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result<BigUInt, BigNumError>
    ) -> Result<BigUInt, BigNumError> {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) {
            return result
        }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Hex parsing proper; see `init(hex:)`.
    private static func parseHex(_ utf8: UnsafeBufferPointer<UInt8>) -> Result<BigUInt, BigNumError> {
        var offset = 0
        if utf8.count >= 2 && utf8[0] == UInt8(ascii: "0")
            && (utf8[1] == UInt8(ascii: "x") || utf8[1] == UInt8(ascii: "X"))
        {
            offset = 2
        }
        let digitCount = utf8.count - offset
        guard digitCount > 0 else { return .failure(.emptyString) }

        var limbs = [UInt64](repeating: 0, count: (digitCount + 15) / 16)
        var position = digitCount  // digits still to come, counting this one
        while offset < utf8.count {
            guard let digit = hexDigitValue(utf8[offset]) else {
                return .failure(.invalidDigit(offset: offset))
            }
            position -= 1
            limbs[position / 16] |= UInt64(digit) << UInt64((position % 16) * 4)
            offset += 1
        }
        return .success(BigUInt(limbs: limbs))
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
    @_spi(Internals) public init(decimal: some StringProtocol) throws(BigNumError) {
        self = try BigUInt.withUTF8(of: decimal, BigUInt.parseDecimal).get()
    }

    /// Decimal parsing proper; see `init(decimal:)`.
    private static func parseDecimal(_ utf8: UnsafeBufferPointer<UInt8>) -> Result<BigUInt, BigNumError> {
        guard !utf8.isEmpty else { return .failure(.emptyString) }
        var value = BigUInt()
        var chunk: UInt64 = 0
        var chunkDigits = 0
        for offset in 0..<utf8.count {
            let byte = utf8[offset]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                return .failure(.invalidDigit(offset: offset))
            }
            chunk = chunk * 10 + UInt64(byte - UInt8(ascii: "0"))
            chunkDigits += 1
            if chunkDigits == decimalChunkDigits {
                value.multiply(byLimb: decimalChunkBase)
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
        return .success(value)
    }

    /// The value in lowercase hexadecimal without prefix or leading zeros; `"0"` for zero.
    package var hexString: String {
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

extension BigUInt {
    /// The value in decimal, without leading zeros; `"0"` for zero.
    ///
    /// Peels off 19 digits per word division pass, so a 4096-bit value (1,234 digits) takes
    /// 65 passes over at most 64 limbs.
    @_spi(Internals) public var description: String {
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
