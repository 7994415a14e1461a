// Finding the key: `--key PATH` (`-` = stdin) or HOTGLUE_SIGNING_KEY, in any form a user may
// have (PEM, DER, base64 of PEM, raw PEM in the variable, PEM with literal "\n", JWK), with a
// note on stderr for every repair and a sentence naming the cause for every refusal.
@_spi(Internals) import PureDER
import PureJWT
import PureP256
@_spi(Internals) import PureRSA

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

    /// The `crv` of the JWK Set's EC member with that `kid` (any EC member, when `keyID` is
    /// nil), when that curve is not P-256: the library skips such members, so a key there is
    /// never found, and the refusal should say why.
    func keySetUnsupportedCurve(keyID: String?) -> String? {
        guard let value = try? JSONValue(parsing: bytes), let keys = value.objectValue?["keys"]?.arrayValue else { return nil }
        for member in keys {
            guard let key = member.objectValue, key["kty"]?.stringValue == "EC",
                keyID == nil || key["kid"]?.stringValue == keyID
            else { continue }
            let curve = key["crv"]?.stringValue ?? ""
            if curve != "P-256" { return curve }
        }
        return nil
    }

    /// Prints the notes a loaded key deserves, one line each: how the variable's value was read
    /// (a raw PEM, base64 of DER) together with any PEM repair, then the loader's notes.
    func printNotes(_ result: LoadedKey) {
        var how: [String] = []
        if fromEnvironment {
            switch result.encoding {
            case .pem?: how.append("holds a PEM rather than the base64 of one (as hotglue documents)")
            case .base64DER?: how.append("holds base64 of DER rather than of a PEM")
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
}

/// The key from `--key` or the environment, read by the library's one loader
/// (``KeyLoader``); the refusal sentences are the loader's, with the origin and the advice
/// above. Notes are printed only when the caller has accepted the key (``KeyText/printNotes``).
///
/// - Parameters:
///   - keyID: the token's `kid`, to pick a key out of a JWK Set; evaluated only when the key
///     is JSON. A `kid` no key in the set has is the token's fault (exit 1).
///
/// RSA and P-256 keys are both accepted; the caller refuses a key that does not suit the
/// algorithm (``loadKeySigner``, ``loadKeyVerifier``).
func loadKey(
    keyPath: String?, for purpose: KeyLoader.Purpose, keyID: () -> String? = { nil }, allowWeakKey: Bool
) throws(Failure) -> (LoadedKey, KeyText) {
    let text = try KeyText.find(keyPath: keyPath)
    var kid: String?
    do {
        let loaded = try KeyLoader.load(
            bytes: text.bytes, for: purpose,
            keyID: {
                kid = keyID()
                return kid
            }, acceptingP256: true, policy: policy(allowWeakKey: allowWeakKey))
        return (loaded, text)
    } catch {
        if case let .jwk(jwkError) = error {
            let curve: String?
            switch jwkError {
            case .keyIDNotFound: curve = text.keySetUnsupportedCurve(keyID: kid)
            case .ambiguousKeySet(count: 0): curve = text.keySetUnsupportedCurve(keyID: nil)
            default: curve = nil
            }
            if let curve {
                throw .input(
                    "\(text.origin) is a JWK Set whose EC key is on curve \(JSONValue.quotedForMessage(curve)); "
                        + "this tool reads only P-256 EC keys (and RSA keys)")
            }
        }
        switch error {
        case let .keyFormat(formatError):
            throw text.failure(formatError)
        case let .rsa(rsaError):
            throw keyFailure(rsaError, origin: text.origin, allowWeakKey: allowWeakKey)
        case .jwk(.keyIDNotFound):
            throw .rejected(
                "token rejected: its header names \"kid\" \(JSONValue.quotedForMessage(kid ?? "")), "
                    + "and \(text.origin) holds no signing key with that \"kid\"")
        default:
            throw .input("\(text.origin): \(error)")
        }
    }
}
