// Fuzz target: the strict DER reader (PureDER).
//
// Properties, on every input:
// 1. If `DER.validateStructure` accepts the input, walking it with `DER.Reader` succeeds and
//    re-serialising every element with `DER.Writer` (tag by tag, constructed ones recursively)
//    gives back exactly the input: DER has one encoding per value, and the writer writes it.
// 2. Every primitive element a typed read accepts (INTEGER as unsigned, NULL, OBJECT IDENTIFIER,
//    whole-byte BIT STRING, OCTET STRING) is re-written identically by the typed writer; an OID
//    also survives its dotted-string form.
// 3. Errors carry offsets inside the input, and small limits (depth 1, size 16) never trap.
import FuzzSupport
@_spi(Internals) import PureDER

/// Re-writes the elements a reader holds, descending into constructed ones. Returns nil when the
/// reader refuses something (then validateStructure must have refused too).
func rewrite(_ reader: inout DER.Reader, into writer: inout DER.Writer) -> Bool {
    while !reader.isAtEnd {
        guard let tag = reader.nextTag else { return false }
        if tag.isConstructed {
            guard var inner = try? reader.enterConstructed(tag) else { return false }
            var ok = true
            writer.writeConstructed(tag) { nested in ok = rewrite(&inner, into: &nested) }
            guard ok else { return false }
        } else {
            var copy = reader
            guard let element = try? reader.readElement() else { return false }
            writer.writeElement(element.tag, content: element.content)
            checkTyped(&copy, element)
        }
    }
    return true
}

/// Property 2 on one primitive element (the reader is positioned on it).
func checkTyped(_ reader: inout DER.Reader, _ element: DER.Element) {
    var original = DER.Writer()
    original.writeElement(element.tag, content: element.content)
    var typed = DER.Writer()
    switch element.tag {
    case .integer:
        guard let magnitude = try? reader.readUnsignedInteger() else { return }
        typed.writeUnsignedInteger(magnitude: magnitude)
    case .null:
        guard (try? reader.readNull()) != nil else { return }
        typed.writeNull()
    case .objectIdentifier:
        guard let oid = try? reader.readObjectIdentifier() else { return }
        typed.writeObjectIdentifier(oid)
        if let reparsed = try? DER.ObjectIdentifier(oid.description) {
            require(reparsed == oid, "OID \(oid) does not survive its dotted form")
        } else {
            require(false, "the dotted form \(oid) of an accepted OID is refused")
        }
    case .bitString:
        guard let bits = try? reader.readByteAlignedBitString() else { return }
        typed.writeBitString(bits)
    case .octetString:
        guard let octets = try? reader.readOctetString() else { return }
        typed.writeOctetString(octets)
    default:
        return
    }
    require(
        typed.bytes == original.bytes,
        "typed re-write of \(element.tag) differs: \(hex(original.bytes)) -> \(hex(typed.bytes))")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let valid: Bool
    do {
        try DER.validateStructure(input)
        valid = true
    } catch {
        valid = false
        switch error {
        case let .nonMinimalLength(offset), let .indefiniteLength(offset), let .lengthTooLarge(offset),
            let .unsupportedTag(offset):
            require(offset >= 0 && offset < input.count, "error offset \(offset) outside the input: \(error)")
        default: break
        }
        require(!error.description.isEmpty, "empty error description")
    }
    if valid {
        guard var reader = try? DER.Reader(input) else {
            require(false, "validateStructure accepted what Reader.init refuses")
            return 0
        }
        var writer = DER.Writer()
        require(rewrite(&reader, into: &writer), "validateStructure accepted what the reader walk refuses: \(hex(input))")
        require(writer.bytes == input, "re-serialised DER differs:\n in  \(hex(input))\n out \(hex(writer.bytes))")
    } else if var reader = try? DER.Reader(input) {
        // Walk whatever is there anyway: no trap, typed checks on what reads.
        var writer = DER.Writer()
        _ = rewrite(&reader, into: &writer)
    }
    // Tight limits never trap.
    _ = try? DER.validateStructure(input, limits: DER.Limits(maximumInputSize: 16, maximumDepth: 1))
    return 0
}
