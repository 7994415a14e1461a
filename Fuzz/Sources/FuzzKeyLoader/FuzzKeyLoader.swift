// Fuzz target: the RSA key loader (PEM, base64 of PEM, DER, base64 of DER) and key validation.
//
// Properties, on every input:
// 1. Loading never traps; a refusal is a typed error with a non-empty sentence.
// 2. An accepted key re-serialises (PKCS#1 and PKCS#8 or SPKI, as DER and as PEM) to forms that
//    load again to the same numbers and the same kind (private/public).
// 3. A key that also passes validation (`RSAPrivateKey` / `RSAPublicKey`) exports DER and PEM
//    that load and validate again to the same numbers.
// 4. The text entry point agrees with the bytes entry point on valid UTF-8.
// 5. Every refusal's description (loading, and validating a loaded key) is one line without a
//    control character.
import FuzzSupport
@_spi(Internals) import PureRSA

func reload(_ encoded: [UInt8], expect material: RSAKeyMaterial, _ form: String) {
    do {
        let again = try RSAKeyLoader.load(bytes: encoded)
        require(again.key == material, "\(form) re-serialisation loads to other numbers")
    } catch {
        require(false, "\(form) re-serialisation of an accepted key is refused: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let loaded: RSAKeyLoadResult<RSAKeyMaterial>
    do {
        loaded = try RSAKeyLoader.load(bytes: input)
    } catch {
        requireOneCleanLine(error.description, "RSAKeyLoader.load")
        if let text = String(validating: input, as: UTF8.self) {
            require((try? RSAKeyLoader.load(text)) == nil, "text entry point accepts what the bytes one refuses")
        }
        // Validation entry points refuse too (and never trap).
        require(
            (try? RSAPrivateKey(loadingBytes: input, policy: .allowingLegacySizes)) == nil,
            "RSAPrivateKey accepted what the loader refuses")
        return 0
    }
    if let text = String(validating: input, as: UTF8.self) {
        require((try? RSAKeyLoader.load(text)) == loaded, "text and bytes entry points disagree")
    }
    switch loaded.key {
    case let .privateKey(key):
        reload(key.pkcs1DER, expect: loaded.key, "PKCS#1 DER")
        reload(key.pkcs8DER, expect: loaded.key, "PKCS#8 DER")
        reload(Array(key.pkcs1PEM.utf8), expect: loaded.key, "PKCS#1 PEM")
        reload(Array(key.pkcs8PEM.utf8), expect: loaded.key, "PKCS#8 PEM")
        reload(Array(key.publicKey.spkiPEM.utf8), expect: .publicKey(key.publicKey), "SPKI PEM of the public half")
        let validatedKey: RSAPrivateKey?
        do {
            validatedKey = try RSAPrivateKey(components: key, policy: .allowingLegacySizes)
        } catch {
            requireOneCleanLine(error.description, "RSAPrivateKey(components:)")
            validatedKey = nil
        }
        if let validated = validatedKey {
            do {
                let again = try RSAPrivateKey(derRepresentation: validated.derRepresentation, policy: .allowingLegacySizes)
                require(again.privateComponents == validated.privateComponents, "validated key's DER reloads to other numbers")
                let viaPEM = try RSAPrivateKey(pemRepresentation: validated.pemRepresentation, policy: .allowingLegacySizes)
                require(viaPEM.privateComponents == validated.privateComponents, "validated key's PEM reloads to other numbers")
                let viaLoader = try RSAPrivateKey(loadingBytes: input, policy: .allowingLegacySizes)
                require(viaLoader.privateComponents == validated.privateComponents, "loading entry point disagrees")
            } catch {
                require(false, "a validated private key's own export is refused: \(error)")
            }
        }
    case let .publicKey(key):
        reload(key.pkcs1DER, expect: loaded.key, "PKCS#1 public DER")
        reload(key.spkiDER, expect: loaded.key, "SPKI DER")
        reload(Array(key.pkcs1PEM.utf8), expect: loaded.key, "PKCS#1 public PEM")
        reload(Array(key.spkiPEM.utf8), expect: loaded.key, "SPKI PEM")
        let validatedKey: RSAPublicKey?
        do {
            validatedKey = try RSAPublicKey(components: key, policy: .allowingLegacySizes)
        } catch {
            requireOneCleanLine(error.description, "RSAPublicKey(components:)")
            validatedKey = nil
        }
        if let validated = validatedKey {
            do {
                let again = try RSAPublicKey(derRepresentation: validated.derRepresentation, policy: .allowingLegacySizes)
                require(again.components == validated.components, "validated public key's DER reloads to other numbers")
                let viaPEM = try RSAPublicKey(pemRepresentation: validated.pemRepresentation, policy: .allowingLegacySizes)
                require(viaPEM.components == validated.components, "validated public key's PEM reloads to other numbers")
            } catch {
                require(false, "a validated public key's own export is refused: \(error)")
            }
        }
    }
    return 0
}
