// The documented edges of BigUInt's API: normalization, parsing errors, division by zero,
// refused moduli, literals and error messages.
import Testing
@_spi(Internals) import PureBigNum

@Suite("BigUInt API edges")
struct BigUIntAPITests {
    @Test("limbs are normalized whatever the input, so equal values are equal and hash alike")
    func normalization() {
        #expect(BigUInt(limbs: [5, 0, 0]).limbs == [5])
        #expect(BigUInt(limbs: [0, 0]).limbs == [])
        #expect(BigUInt(0).limbs == [] && BigUInt().limbs == [] && BigUInt(0).isZero)
        #expect(BigUInt(limbs: [7, 0]) == BigUInt(7))
        #expect(Set([BigUInt(limbs: [7, 0]), BigUInt(7), 7]).count == 1)
        #expect(BigUInt(bigEndianBytes: [0, 0, 0]).limbs == [])
        #expect(BigUInt(bigEndianBytes: [UInt8]()).isZero)
        let big = BigUInt(limbs: [1, 2, 3])
        #expect((big - big).limbs == [] && (big >> 200).limbs == [])
    }

    @Test("bytes, hex and decimal agree on values the Swift compiler parses as literals")
    func literalsAgree() throws {
        let value: BigUInt = 0x0123_4567_89ab_cdef
        #expect(value == BigUInt(0x0123_4567_89ab_cdef))
        #expect(try BigUInt(hex: "123456789ABCDEF") == value)
        #expect(try BigUInt(hex: "0x0123456789abcdef") == value)
        #expect(try BigUInt(hex: "0X123456789aBcDeF") == value)
        #expect(try BigUInt(decimal: String(UInt64(0x0123_4567_89ab_cdef))) == value)
        #expect(value.description == String(UInt64(0x0123_4567_89ab_cdef)))
        #expect(value.hexString == String(UInt64(0x0123_4567_89ab_cdef), radix: 16))
        #expect(BigUInt(bigEndianBytes: [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]) == value)
        #expect(value.bigEndianBytes() == [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef])
        #expect(BigUInt().hexString == "0" && BigUInt().description == "0")
        #expect(BigUInt().bigEndianBytes() == [])
        #expect(try BigUInt().bigEndianBytes(width: 2) == [0, 0])
        #expect(try BigUInt(hex: "0") == BigUInt() && BigUInt(decimal: "0000") == BigUInt())
        #expect(try BigUInt(hex: "f").limbs == [15])  // odd length
    }

    @Test("malformed hex and decimal text throw, naming the offending byte offset")
    func parsingErrors() throws {
        #expect(throws: BigNumError.emptyString) { try BigUInt(hex: "") }
        #expect(throws: BigNumError.emptyString) { try BigUInt(hex: "0x") }
        #expect(throws: BigNumError.emptyString) { try BigUInt(decimal: "") }
        #expect(throws: BigNumError.invalidDigit(offset: 2)) { try BigUInt(hex: "0xg1") }
        #expect(throws: BigNumError.invalidDigit(offset: 2)) { try BigUInt(hex: "12 3") }
        #expect(throws: BigNumError.invalidDigit(offset: 0)) { try BigUInt(hex: "-1") }
        #expect(throws: BigNumError.invalidDigit(offset: 2)) { try BigUInt(hex: "0xx") }
        #expect(throws: BigNumError.invalidDigit(offset: 0)) { try BigUInt(hex: "x1") }
        #expect(throws: BigNumError.invalidDigit(offset: 3)) { try BigUInt(hex: "abcé") }
        #expect(throws: BigNumError.invalidDigit(offset: 0)) { try BigUInt(decimal: "+1") }
        #expect(throws: BigNumError.invalidDigit(offset: 2)) { try BigUInt(decimal: "12a") }
        #expect(throws: BigNumError.invalidDigit(offset: 1)) { try BigUInt(decimal: "1_000") }
        #expect(throws: BigNumError.invalidDigit(offset: 1)) { try BigUInt(decimal: "0x10") }
        // Substrings parse too (the initializers take any StringProtocol).
        let text = "key=ff"
        #expect(try BigUInt(hex: text.dropFirst(4)) == BigUInt(255))
    }

    @Test("division, reduction, inverse and power refuse a zero modulus instead of trapping")
    func zeroModuli() {
        let a = BigUInt(limbs: [3, 4])
        #expect(throws: BigNumError.divisionByZero) { try a.quotientAndRemainder(dividingBy: BigUInt()) }
        #expect(throws: BigNumError.divisionByZero) { try a.modulo(BigUInt()) }
        #expect(throws: BigNumError.divisionByZero) { try a.power(BigUInt(3), modulus: BigUInt()) }
        #expect(throws: BigNumError.divisionByZero) { try a.inverse(modulo: BigUInt()) }
        #expect(throws: BigNumError.modulusTooSmall) { try a.inverse(modulo: BigUInt(1)) }
        #expect(throws: BigNumError.negativeResult) { try BigUInt(1).subtracting(a) }
    }

    @Test("a value narrower than the width is left-padded; a wider one or a negative width throws")
    func widthErrors() throws {
        let a = BigUInt(limbs: [0x1_0000])  // 3 bytes
        #expect(try a.bigEndianBytes(width: 3) == [1, 0, 0])
        #expect(throws: BigNumError.valueTooWide(bytes: 3, maximum: 2)) { try a.bigEndianBytes(width: 2) }
        #expect(throws: BigNumError.valueTooWide(bytes: 0, maximum: -1)) { try BigUInt().bigEndianBytes(width: -1) }
    }

    @Test("comparison orders by magnitude across limb counts")
    func ordering() {
        let values = [
            BigUInt(), BigUInt(1), BigUInt(.max), BigUInt(limbs: [0, 1]), BigUInt(limbs: [.max, 1]),
            BigUInt(limbs: [0, 0, 1]),
        ]
        for (i, x) in values.enumerated() {
            for (j, y) in values.enumerated() {
                #expect((x < y) == (i < j) && (x == y) == (i == j))
            }
        }
    }

    @Test("every error has a sentence for a person")
    func errorDescriptions() {
        let errors: [BigNumError] = [
            .evenModulus, .modulusTooSmall, .operandTooWide(limbs: 3, maximum: 2),
            .valueTooWide(bytes: 3, maximum: 2), .divisionByZero, .noInverse,
            .invalidDigit(offset: 4), .emptyString, .negativeResult, .emptyRange,
        ]
        for error in errors {
            #expect(error.description.count > 10)
        }
        #expect(Set(errors.map(\.description)).count == errors.count)
    }
}
