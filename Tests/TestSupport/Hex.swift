// Hexadecimal and base64url for test data, written independently of the library's encoders.
import Foundation

/// Bytes from hexadecimal (either case); an odd number of digits gets a leading zero, as NIST
/// files drop leading zero nibbles.
package func hexBytes(_ text: some StringProtocol) throws -> [UInt8] {
    var digits = Array(text.utf8)
    if digits.count % 2 == 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
    func value(_ c: UInt8) throws -> UInt8 {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: throw TestDataError(description: "not a hex digit: \(c)")
        }
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var i = 0
    while i < digits.count {
        bytes.append(try value(digits[i]) << 4 | value(digits[i + 1]))
        i += 2
    }
    return bytes
}

/// Lowercase hexadecimal, two digits per byte.
package func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// `bytes` left-padded with zeros to `count` (unchanged when already as long).
package func leftPadded(_ bytes: [UInt8], to count: Int) -> [UInt8] {
    bytes.count >= count ? bytes : [UInt8](repeating: 0, count: count - bytes.count) + bytes
}

/// Bytes from unpadded base64url (JWK members), decoded by Foundation.
package func base64URLBytes(_ text: String) throws -> [UInt8] {
    var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while standard.count % 4 != 0 { standard += "=" }
    guard let data = Data(base64Encoded: standard) else {
        throw TestDataError(description: "bad base64url: \(text.prefix(20))…")
    }
    return Array(data)
}
