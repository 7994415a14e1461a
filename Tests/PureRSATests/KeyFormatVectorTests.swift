import Foundation
@_spi(Internals) import PureDER
import Testing
@_spi(Internals) @testable import PureRSA

@Suite("Key formats: every key in Vectors loads to the oracle's integers")
struct KeyFormatVectorTests {
    static let sizes = [1024, 2048, 2051, 3072, 4096]

    static func expected(_ bits: Int) throws -> RSAPrivateKeyComponents {
        let json = try vectorJSON("keys/rsa-\(bits).json")
        func f(_ k: String) -> [UInt8] { minimalBytes(hex: json[k] as! String) }
        #expect(json["bits"] as? Int == bits)
        return RSAPrivateKeyComponents(
            modulus: f("n"), publicExponent: f("e"), privateExponent: f("d"), prime1: f("p"),
            prime2: f("q"), exponent1: f("dp"), exponent2: f("dq"), coefficient: f("qi"))
    }

    @Test(
        "OpenSSL-made keys of 1024, 2048, 2051, 3072 and 4096 bits load in all eight files to Python cryptography's integers",
        arguments: sizes)
    func generatedKeys(bits: Int) throws {
        let key = try Self.expected(bits)
        #expect(key.modulusBitCount == bits)
        let cases: [(String, RSAKeyStructure, RSAKeyEncoding)] = [
            ("pkcs8.pem", .pkcs8PrivateKey, .pem), ("pkcs8.der", .pkcs8PrivateKey, .der),
            ("pkcs1.pem", .pkcs1PrivateKey, .pem), ("pkcs1.der", .pkcs1PrivateKey, .der),
            ("spki.pem", .spkiPublicKey, .pem), ("spki.der", .spkiPublicKey, .der),
            ("pkcs1pub.pem", .pkcs1PublicKey, .pem), ("pkcs1pub.der", .pkcs1PublicKey, .der),
        ]
        for (suffix, structure, encoding) in cases {
            let data = try vectorData("keys/rsa-\(bits).\(suffix)")
            let loaded = try RSAKeyLoader.load(bytes: [UInt8](data))
            #expect(loaded.structure == structure, "\(suffix)")
            #expect(loaded.encoding == encoding, "\(suffix)")
            #expect(loaded.repairs.isEmpty)
            #expect(loaded.notes.isEmpty)
            switch loaded.key {
            case let .privateKey(parsed): #expect(parsed == key, "\(suffix)")
            case let .publicKey(parsed): #expect(parsed == key.publicKey, "\(suffix)")
            }
        }
    }

    @Test("parse then serialise reproduces OpenSSL's DER and PEM byte for byte", arguments: sizes)
    func roundTrips(bits: Int) throws {
        func bytes(_ s: String) throws -> [UInt8] { [UInt8](try vectorData("keys/rsa-\(bits).\(s)")) }
        func text(_ s: String) throws -> String { try vectorText("keys/rsa-\(bits).\(s)") }
        let fromPKCS1 = try RSAPrivateKeyComponents(pkcs1DER: try bytes("pkcs1.der"))
        let fromPKCS8 = try RSAPrivateKeyComponents(pkcs8DER: try bytes("pkcs8.der"))
        #expect(fromPKCS1 == fromPKCS8)
        #expect(fromPKCS1.pkcs1DER == (try bytes("pkcs1.der")))
        #expect(fromPKCS1.pkcs8DER == (try bytes("pkcs8.der")))
        #expect(fromPKCS1.pkcs1PEM == (try text("pkcs1.pem")))
        #expect(fromPKCS1.pkcs8PEM == (try text("pkcs8.pem")))
        let fromSPKI = try RSAPublicKeyComponents(spkiDER: try bytes("spki.der"))
        let fromPKCS1Public = try RSAPublicKeyComponents(pkcs1DER: try bytes("pkcs1pub.der"))
        #expect(fromSPKI == fromPKCS1Public)
        #expect(fromSPKI == fromPKCS1.publicKey)
        #expect(fromSPKI.spkiDER == (try bytes("spki.der")))
        #expect(fromSPKI.pkcs1DER == (try bytes("pkcs1pub.der")))
        #expect(fromSPKI.spkiPEM == (try text("spki.pem")))
        #expect(fromSPKI.pkcs1PEM == (try text("pkcs1pub.pem")))
    }

    @Test("base64 of the whole PEM (as in HOTGLUE_SIGNING_KEY) and base64 of DER load, and say so")
    func base64Wrapped() throws {
        let key = try Self.expected(2048)
        let pem = try vectorData("keys/rsa-2048.pkcs8.pem")
        let loaded = try RSAKeyLoader.loadPrivateKey(pem.base64EncodedString())
        #expect(loaded.key == key)
        #expect(loaded.encoding == .base64PEM)
        #expect(loaded.structure == .pkcs8PrivateKey)
        // Wrapped at 76 with CRLF, as `base64` tools print it, and with a trailing newline.
        let wrapped = pem.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) + "\n"
        #expect(try RSAKeyLoader.loadPrivateKey(wrapped).key == key)
        let pkcs1 = try vectorData("keys/rsa-2048.pkcs1.pem")
        #expect(try RSAKeyLoader.loadPrivateKey(pkcs1.base64EncodedString()).structure == .pkcs1PrivateKey)
        let der = try vectorData("keys/rsa-2048.pkcs1.der")
        let fromDER = try RSAKeyLoader.load(der.base64EncodedString())
        #expect(fromDER.encoding == .base64DER)
        #expect(fromDER.key == .privateKey(key))
        let spki = try vectorData("keys/rsa-2048.spki.pem")
        #expect(try RSAKeyLoader.loadPublicKey(spki.base64EncodedString()).key == key.publicKey)
    }

    @Test("the demo key and its public key load and agree")
    func demoKey() throws {
        let priv = try RSAKeyLoader.loadPrivateKey(try vectorText("keys/demo-rsa-2048.pem"))
        let pub = try RSAKeyLoader.loadPublicKey(try vectorText("keys/demo-rsa-2048.pub.pem"))
        #expect(priv.structure == .pkcs8PrivateKey)
        #expect(priv.key.modulusBitCount == 2048)
        #expect(priv.key.publicKey == pub.key)
        let derived = try RSAKeyLoader.loadPublicKey(try vectorText("keys/demo-rsa-2048.pem"))
        #expect(derived.key == pub.key)
        #expect(derived.notes == [.publicKeyTakenFromPrivateKey])
    }

    @Test("the RFC 7515 A.2 key loads from all four PEM files to the JWK's integers")
    func joseKey() throws {
        let jwk = (try vectorJSON("jose/rfc7515_a2_rs256.json"))["jwk"] as! [String: Any]
        func f(_ k: String) -> [UInt8] { minimalBytes(base64url: jwk[k] as! String) }
        let key = RSAPrivateKeyComponents(
            modulus: f("n"), publicExponent: f("e"), privateExponent: f("d"), prime1: f("p"),
            prime2: f("q"), exponent1: f("dp"), exponent2: f("dq"), coefficient: f("qi"))
        for name in ["rfc7515_a2_private_pkcs1.pem", "rfc7515_a2_private_pkcs8.pem"] {
            let text = try vectorText("jose/\(name)")
            let loaded = try RSAKeyLoader.loadPrivateKey(text)
            #expect(loaded.key == key)
            #expect(loaded.repairs.isEmpty)
            #expect(name.contains("pkcs1") ? loaded.key.pkcs1PEM == text : loaded.key.pkcs8PEM == text)
        }
        for name in ["rfc7515_a2_public_spki.pem", "rfc7515_a2_public_pkcs1.pem"] {
            let text = try vectorText("jose/\(name)")
            let loaded = try RSAKeyLoader.loadPublicKey(text)
            #expect(loaded.key == key.publicKey)
            #expect(name.contains("spki") ? loaded.key.spkiPEM == text : loaded.key.pkcs1PEM == text)
            #expect(throws: RSAKeyFormatError.publicKeyNotPrivate) { try RSAKeyLoader.loadPrivateKey(text) }
        }
    }

    @Test(
        "every Wycheproof sig_gen key agrees across its PEM, PKCS#8, numeric, JWK and public forms",
        arguments: ["rsa_pkcs1_2048_sig_gen_test.json", "rsa_pkcs1_3072_sig_gen_test.json"])
    func wycheproofKeys(file: String) throws {
        let json = try vectorJSON("wycheproof/\(file)")
        var checkedJWK = 0
        for group in json["testGroups"] as! [[String: Any]] {
            let numbers = group["privateKey"] as! [String: String]
            let pem = group["privateKeyPem"] as! String
            let fromPEM = try RSAKeyLoader.loadPrivateKey(pem)
            #expect(fromPEM.structure == .pkcs1PrivateKey)
            let key = fromPEM.key
            #expect(key.modulus == minimalBytes(hex: numbers["modulus"]!))
            #expect(key.publicExponent == minimalBytes(hex: numbers["publicExponent"]!))
            #expect(key.privateExponent == minimalBytes(hex: numbers["privateExponent"]!))
            #expect(key.modulusBitCount == group["keySize"] as! Int)
            let pkcs8 = minimalBytes(hex: group["privateKeyPkcs8"] as! String)
            let fromPKCS8 = try RSAKeyLoader.loadPrivateKey(bytes: pkcs8)
            #expect(fromPKCS8.structure == .pkcs8PrivateKey)
            #expect(fromPKCS8.key == key)
            #expect(key.pkcs8DER == pkcs8)
            if let jwk = group["privateKeyJwk"] as? [String: String] {
                checkedJWK += 1
                let fromJWK = RSAPrivateKeyComponents(
                    modulus: minimalBytes(base64url: jwk["n"]!), publicExponent: minimalBytes(base64url: jwk["e"]!),
                    privateExponent: minimalBytes(base64url: jwk["d"]!), prime1: minimalBytes(base64url: jwk["p"]!),
                    prime2: minimalBytes(base64url: jwk["q"]!), exponent1: minimalBytes(base64url: jwk["dp"]!),
                    exponent2: minimalBytes(base64url: jwk["dq"]!), coefficient: minimalBytes(base64url: jwk["qi"]!))
                #expect(fromJWK == key)
            }
            let spki = minimalBytes(hex: group["keyDer"] as! String)
            let publicKey = try RSAKeyLoader.loadPublicKey(bytes: spki)
            #expect(publicKey.key == key.publicKey)
            #expect(publicKey.structure == .spkiPublicKey)
            #expect(key.publicKey.spkiDER == spki)
            #expect(try RSAKeyLoader.loadPublicKey(group["keyPem"] as! String).key == key.publicKey)
        }
        #expect(checkedJWK > 0)
    }
}
