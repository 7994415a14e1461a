// Fuzz target: Base64 / Base64URL encode and decode (PureDER).
//
// Properties, on every input x:
// 1. decode(encode(x)) == x for both alphabets, with and without padding, strictly and leniently.
// 2. Text the strict decoder accepts is canonical: re-encoding what it gave yields the same text.
// 3. Whatever strict decoding accepts, lenient decoding accepts too, with the same bytes.
// 4. Lenient decoding never yields more bytes than 3/4 of the input (rounded up) and its result
//    re-encodes to text that strict decoding accepts back to the same bytes.
// Nothing may trap.
import FuzzSupport
@_spi(Internals) import PureDER

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let combinations: [(Base64.Alphabet, Bool)] = [(.standard, true), (.standard, false), (.url, true), (.url, false)]
    for (alphabet, padding) in combinations {
        // 1. Round trip of arbitrary bytes.
        let text = Base64.encode(input, alphabet: alphabet, padding: padding)
        let strict = try? Base64.decode(text, alphabet: alphabet, padding: padding, mode: .strict)
        require(strict == input, "strict decode(encode(x)) != x for \(alphabet) padding=\(padding), x=\(hex(input))")
        let lenient = try? Base64.decode(text, alphabet: alphabet, padding: padding, mode: .lenient)
        require(lenient == input, "lenient decode(encode(x)) != x for \(alphabet) padding=\(padding), x=\(hex(input))")

        // 2. The input as text: strict acceptance means canonical.
        if let decoded = try? Base64.decode(utf8: input, alphabet: alphabet, padding: padding, mode: .strict) {
            let again = Base64.encode(decoded, alphabet: alphabet, padding: padding)
            require(Array(again.utf8) == input, "strict decoding accepted non-canonical text \(hex(input)) (\(alphabet), padding=\(padding))")
            // 3. Lenient is a superset of strict.
            let viaLenient = try? Base64.decode(utf8: input, alphabet: alphabet, padding: padding, mode: .lenient)
            require(viaLenient == decoded, "lenient decoding disagrees with strict on \(hex(input))")
        }
    }
    // 4. Lenient decoding of arbitrary text.
    if let decoded = try? Base64.decode(utf8: input, mode: .lenient) {
        require(decoded.count <= (input.count * 3 + 3) / 4, "lenient decoding produced \(decoded.count) bytes from \(input.count)")
        let canonical = Base64.encode(decoded)
        require((try? Base64.decode(canonical)) == decoded, "re-encoding of a lenient result does not decode back")
    }
    // Base64URL (the JOSE entry points) agree with Base64 in url/unpadded/strict mode.
    let url = try? Base64URL.decode(utf8: input)
    let generic = try? Base64.decode(utf8: input, alphabet: .url, padding: false, mode: .strict)
    require(url == generic, "Base64URL.decode and Base64.decode(.url, unpadded, strict) disagree on \(hex(input))")
    if let url {
        require(Array(Base64URL.encode(url).utf8) == input, "Base64URL accepted non-canonical text \(hex(input))")
    }
    return 0
}
