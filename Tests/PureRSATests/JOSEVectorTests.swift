// RFC 7515 appendix A.2 and RFC 7520 section 4.1: RS256 signatures over the given signing input.
import Testing
@_spi(Internals) @testable import PureRSA

@Suite struct JOSEVectorTests {
    /// The JWK of a JOSE vector file as the eight PKCS#1 numbers.
    func components(fromJWKIn json: [String: Any]) throws -> RSAPrivateKeyComponents {
        let jwk = try #require(json["jwk"] as? [String: Any])
        func member(_ name: String) throws -> [UInt8] { try base64URLBytes(try #require(jwk[name] as? String)) }
        return RSAPrivateKeyComponents(
            modulus: try member("n"), publicExponent: try member("e"), privateExponent: try member("d"),
            prime1: try member("p"), prime2: try member("q"), exponent1: try member("dp"),
            exponent2: try member("dq"), coefficient: try member("qi"))
    }

    @Test(arguments: ["rfc7515_a2_rs256.json", "rfc7520_4_1_rs256.json"])
    func signatureOverTheSigningInputIsByteIdentical(file: String) throws {
        let json = try vectorJSON("jose/" + file)
        let key = try RSAPrivateKey(components: components(fromJWKIn: json))
        let signingInput = Array(try #require(json["signing_input"] as? String).utf8)
        let expected = try hexBytes(try #require(json["signature_hex"] as? String))
        let signature = try key.signature(for: signingInput)
        #expect(signature.rawRepresentation == expected)
        #expect(key.publicKey.isValidSignature(RSASignature(rawRepresentation: expected), for: signingInput))
        var tampered = signingInput
        tampered[tampered.count - 1] ^= 1
        #expect(!key.publicKey.isValidSignature(signature, for: tampered))
    }

    /// The RFC 7515 key in its four PEM files loads to the JWK's numbers, and our exports
    /// reproduce the files (which Python `cryptography` wrote) character for character.
    @Test func rfc7515KeyLoadsFromEveryPEMFormAndExportsTheSameText() throws {
        let json = try vectorJSON("jose/rfc7515_a2_rs256.json")
        let expected = try components(fromJWKIn: json)
        let pkcs8Text = try vectorText("jose/rfc7515_a2_private_pkcs8.pem")
        let pkcs1Text = try vectorText("jose/rfc7515_a2_private_pkcs1.pem")
        let spkiText = try vectorText("jose/rfc7515_a2_public_spki.pem")
        let publicPKCS1Text = try vectorText("jose/rfc7515_a2_public_pkcs1.pem")

        let fromPKCS8 = try RSAPrivateKey(pemRepresentation: pkcs8Text)
        let fromPKCS1 = try RSAPrivateKey(pemRepresentation: pkcs1Text)
        let loaded = try RSAPrivateKey.load(pkcs8Text)
        #expect(fromPKCS8.privateComponents == expected)
        #expect(fromPKCS1.privateComponents == expected)
        #expect(loaded.key.privateComponents == expected && loaded.repairs.isEmpty && loaded.structure == .pkcs8PrivateKey)
        #expect(fromPKCS8.pkcs8PEMRepresentation == pkcs8Text)
        #expect(fromPKCS8.pemRepresentation == pkcs1Text)
        #expect(try RSAPrivateKey(derRepresentation: fromPKCS8.derRepresentation).privateComponents == expected)
        #expect(try RSAPrivateKey(derRepresentation: fromPKCS8.pkcs8DERRepresentation).privateComponents == expected)

        let spki = try RSAPublicKey(pemRepresentation: spkiText)
        let publicPKCS1 = try RSAPublicKey(pemRepresentation: publicPKCS1Text)
        #expect(spki.components == expected.publicKey && publicPKCS1.components == expected.publicKey)
        #expect(fromPKCS8.publicKey.pemRepresentation == spkiText)
        #expect(fromPKCS8.publicKey.pkcs1PEMRepresentation == publicPKCS1Text)
        #expect(try RSAPublicKey(derRepresentation: spki.derRepresentation).components == expected.publicKey)
        #expect(try RSAPublicKey(derRepresentation: spki.pkcs1DERRepresentation).components == expected.publicKey)
        #expect(try RSAPublicKey(loading: pkcs1Text).components == expected.publicKey, "a private key gives its public half")
    }

    /// `HOTGLUE_SIGNING_KEY` holds the whole PEM base64-encoded; the loading initialiser takes it.
    @Test func loadingInitialiserAcceptsBase64OfPEM() throws {
        let pem = try vectorText("keys/demo-rsa-2048.pem")
        let wrapped = Array(pem.utf8).base64EncodedForTest()
        let loaded = try RSAPrivateKey.load(wrapped)
        #expect(loaded.encoding == .base64PEM)
        #expect(loaded.key.privateComponents == (try RSAPrivateKey(pemRepresentation: pem)).privateComponents)
        #expect(try RSAPrivateKey(loading: wrapped).keySizeInBits == 2048)
    }
}

extension Array where Element == UInt8 {
    func base64EncodedForTest() -> String {
        Data(self).base64EncodedString()
    }
}

import Foundation
