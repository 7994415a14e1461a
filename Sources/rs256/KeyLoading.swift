// Finding the key: `--key PATH` (`-` = stdin) or HOTGLUE_SIGNING_KEY, in any form a user may
// have (PEM, DER, base64 of PEM, raw PEM in the variable, PEM with literal "\n", JWK), with a
// note on stderr for every repair and a sentence naming the cause for every refusal.
@_spi(Internals) import PureDER
import PureJWT
import PureRSA

/// The environment variable hotglue's documentation puts the signing key in (base64 of a PEM).
let signingKeyVariable = "HOTGLUE_SIGNING_KEY"

/// The largest key file read (the loader's own limit).
let keyFileLimit = RSAKeyLoader.maximumInputSize

/// Where a key came from, for messages.
struct KeyText {
    let bytes: [UInt8]
    /// "HOTGLUE_SIGNING_KEY" or "the key file 'k.pem'".
    let origin: String
    let fromEnvironment: Bool

    /// Reads `--key PATH` when given, else the environment variable.
    static func find(keyPath: String?) throws(Failure) -> KeyText {
        if let keyPath {
            let bytes = try IO.read(keyPath, limit: keyFileLimit, what: "the key")
            let origin = keyPath == "-" ? "the key on standard input" : "the key file '\(shown(keyPath))'"
            return KeyText(bytes: bytes, origin: origin, fromEnvironment: false)
        }
        guard let value = IO.environment(signingKeyVariable) else {
            throw .input(
                "\(signingKeyVariable) is not set; set it to the base64 of your PEM private key "
                    + "(export \(signingKeyVariable)=\"$(base64 -w0 key.pem)\") or pass --key PATH")
        }
        guard value.contains(where: { !$0.isWhitespace }) else {
            throw .input(
                "\(signingKeyVariable) is set but empty; set it to the base64 of your PEM private key "
                    + "(base64 -w0 key.pem) or pass --key PATH")
        }
        return KeyText(bytes: Array(value.utf8), origin: signingKeyVariable, fromEnvironment: true)
    }

    /// The refusal for a loader error, with the origin and advice for the usual mistakes.
    func failure(_ error: RSAKeyFormatError) -> Failure {
        switch error {
        case let .unrecognizedText(base64Error) where fromEnvironment:
            return .input(
                "\(origin) is neither base64 nor a PEM key (\(base64Error)); "
                    + "it should hold the base64 of a PEM private key: base64 -w0 key.pem")
        case .base64NotPEM where fromEnvironment:
            return .input(
                "\(origin) is base64, but what it encodes is not a PEM or DER key; "
                    + "it should hold the base64 of a PEM private key: base64 -w0 key.pem")
        default:
            return .input("\(origin): \(error)")
        }
    }

    /// Prints the notes a loaded key deserves, one line each: how the variable's value was read
    /// (a raw PEM, base64 of DER) together with any PEM repair, then the loader's notes.
    func printNotes<Key>(_ result: RSAKeyLoadResult<Key>) {
        var how: [String] = []
        if fromEnvironment {
            switch result.encoding {
            case .pem: how.append("holds a PEM rather than the base64 of one (as hotglue documents)")
            case .base64DER: how.append("holds base64 of DER rather than of a PEM")
            default: break
            }
        }
        if !result.repairs.isEmpty {
            how.append("has a damaged PEM that was repaired (\(result.repairs))")
        }
        if !how.isEmpty {
            IO.note("note: \(origin) " + how.joined(separator: " and ") + "; used as is")
        }
        for note in result.notes where note != .publicKeyTakenFromPrivateKey {
            IO.note("note: \(origin): \(note)")
        }
    }

    /// Whether the bytes look like JSON (a JWK or JWK Set).
    var looksLikeJSON: Bool {
        bytes.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "{")
    }
}

/// The private key components for signing.
func loadSigningKeyComponents(keyPath: String?) throws(Failure) -> (RSAPrivateKeyComponents, origin: String) {
    let text = try KeyText.find(keyPath: keyPath)
    if text.looksLikeJSON {
        do {
            return (try RSAPrivateKeyComponents(jwkText: text.bytes), text.origin)
        } catch {
            throw .input("\(text.origin): \(error)")
        }
    }
    do {
        let result = try RSAKeyLoader.loadPrivateKey(bytes: text.bytes)
        text.printNotes(result)
        return (result.key, text.origin)
    } catch {
        throw text.failure(error)
    }
}

/// The key for verifying, as it was given: a private key stays private, so that the caller
/// validates it as a private key (the same checks and size policy `token` applies) before using
/// its public half.
///
/// - Parameter keyID: the token's `kid`, to pick a key out of a JWK Set; evaluated only when
///   the key is JSON. A `kid` no key in the set has is the token's fault (exit 1).
func loadVerifyingKeyMaterial(keyPath: String?, keyID: @autoclosure () -> String?) throws(Failure) -> (RSAKeyMaterial, origin: String) {
    let text = try KeyText.find(keyPath: keyPath)
    if text.looksLikeJSON {
        let kid = keyID()
        do {
            let selected = try JWK.select(from: try JWK.object(parsing: text.bytes), keyID: kid)
            // key_ops is checked for verifying; the private members, when present, are read
            // only to validate the key as `token` would.
            let publicKey = try RSAPublicKeyComponents(jwk: selected)
            guard selected["d"] != nil else { return (.publicKey(publicKey), text.origin) }
            var privateMembers = selected
            privateMembers["key_ops"] = nil
            return (.privateKey(try RSAPrivateKeyComponents(jwk: privateMembers)), text.origin)
        } catch .keyIDNotFound {
            throw .rejected(
                "token rejected: its header names \"kid\" \(JSONValue.quotedForMessage(kid ?? "")), "
                    + "and \(text.origin) holds no signing key with that \"kid\"")
        } catch {
            throw .input("\(text.origin): \(error)")
        }
    }
    do {
        let result = try RSAKeyLoader.load(bytes: text.bytes)
        text.printNotes(result)
        return (result.key, text.origin)
    } catch {
        throw text.failure(error)
    }
}
