// The one forgiving loader: EC keys in every form a user may paste, checked against the key
// OpenSSL made (its d and public point, printed by openssl itself), Node's JWK export, and the
// refusals with their sentences; RSA keys validated under the size policy given.
import Foundation
import Testing
@_spi(Internals) @testable import PureJWT
@_spi(Internals) import PureJSON

/// Runs a bash script (openssl and node are the oracles) and returns its stdout lines.
private func shell(_ script: String) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-euo", "pipefail", "-c", script]
    let stdout = Pipe()
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
}

private func unbase64(_ text: String) -> [UInt8] { Array(Data(base64Encoded: text) ?? Data()) }

private func load(_ bytes: [UInt8], for purpose: KeyLoader.Purpose = .signing, acceptingP256: Bool = true) -> Result<LoadedKey, KeyLoadError> {
    Result { () throws(KeyLoadError) in try KeyLoader.load(bytes: bytes, for: purpose, acceptingP256: acceptingP256) }
}

@Suite("The forgiving key loader: EC keys in every form, RSA keys under the policy")
struct KeyLoaderTests {
    /// One openssl key in every form, with openssl's own d and public point (hex) and Node's
    /// JWK export of it.
    static let forms: [String] = {
        (try? shell(
            #"""
            d=$(mktemp -d); trap 'rm -rf "$d"' EXIT; cd "$d"
            b() { base64 -w0 "$@"; echo; }
            openssl ecparam -name prime256v1 -genkey -out k.pem
            openssl ec -in k.pem -text -noout 2>/dev/null | tr -d ' :\n' | sed -e 's/.*priv\(.*\)pub\(.*\)ASN1OID.*/\1 \2/'; echo
            b k.pem                                                     # SEC 1 PEM after EC PARAMETERS
            openssl ec -in k.pem -outform DER 2>/dev/null | base64 -w0; echo   # SEC 1 DER
            openssl pkcs8 -topk8 -nocrypt -in k.pem | base64 -w0; echo         # PKCS#8 PEM
            openssl pkey -in k.pem -pubout | base64 -w0; echo                  # SPKI PEM
            openssl pkey -in k.pem -pubout -outform DER | base64 -w0; echo     # SPKI DER
            openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:x -in k.pem | base64 -w0; echo  # encrypted
            node -e 'const c = require("crypto"), fs = require("fs");
                     const k = c.createPrivateKey(fs.readFileSync("k.pem"));
                     console.log(JSON.stringify(k.export({format: "jwk"})));
                     console.log(JSON.stringify(c.createPublicKey(k).export({format: "jwk"})));'
            openssl ecparam -name secp384r1 -genkey -noout | base64 -w0; echo
            """#)) ?? []
    }()

    @Test("SEC 1, PKCS#8 and SPKI as PEM, base64 of PEM, DER, base64 of DER, damaged PEM and JWK all give openssl's key")
    func everyForm() throws {
        let f = Self.forms
        try #require(f.count == 10)
        let numbers = f[0].split(separator: " ").map(String.init)
        // openssl prints d with a 00 byte before a high bit, and may drop leading zero bytes.
        let d = String((String(repeating: "0", count: 64) + numbers[0]).suffix(64)), q = numbers[1]
        func privateHex(_ bytes: [UInt8], for purpose: KeyLoader.Purpose = .signing) throws -> (String, String, LoadedKey) {
            let loaded = try load(bytes, for: purpose).get()
            guard case let .p256PrivateKey(key) = loaded.material else { throw CocoaError(.coderInvalidValue) }
            return (hex(key.rawRepresentation), hex(key.publicKey.x963Representation), loaded)
        }
        func publicHex(_ bytes: [UInt8]) throws -> String {
            guard case let .p256PublicKey(key) = try load(bytes, for: .verifying).get().material else { throw CocoaError(.coderInvalidValue) }
            return hex(key.x963Representation)
        }
        let sec1PEM = unbase64(f[1]), sec1DER = unbase64(f[2]), pkcs8PEM = unbase64(f[3])
        let (d1, q1, genkey) = try privateHex(sec1PEM)
        #expect(d1 == d && q1 == q)
        #expect(genkey.encoding == .pem && genkey.notes == [.ignoredPEMBlocks(labels: ["EC PARAMETERS"])])
        let (d2, _, base64PEM) = try privateHex(Array(f[1].utf8))
        #expect(d2 == d && base64PEM.encoding == .base64PEM)
        let (d3, _, der) = try privateHex(sec1DER)
        #expect(d3 == d && der.encoding == .der)
        let (d4, _, base64DER) = try privateHex(Array(f[2].utf8))
        #expect(d4 == d && base64DER.encoding == .base64DER)
        let (d5, _, pkcs8) = try privateHex(pkcs8PEM)
        #expect(d5 == d && pkcs8.repairs.isEmpty)
        // A PEM pasted with literal \n (as from a JSON config) is repaired and reported.
        let escaped = String(decoding: pkcs8PEM, as: UTF8.self).replacingOccurrences(of: "\n", with: "\\n")
        let (d6, _, repaired) = try privateHex(Array(escaped.utf8))
        #expect(d6 == d && repaired.repairs.contains(.escapedLineBreaks))
        #expect(try publicHex(unbase64(f[4])) == q)
        #expect(try publicHex(unbase64(f[5])) == q)
        // Node's JWK export: private for signing, and public for verifying; a private JWK
        // for verifying gives the private key (validated), as for RSA.
        let (d7, q7, jwk) = try privateHex(Array(f[7].utf8))
        #expect(d7 == d && q7 == q && jwk.isJWK)
        #expect(try publicHex(Array(f[8].utf8)) == q)
        let (d8, _, _) = try privateHex(Array(f[7].utf8), for: .verifying)
        #expect(d8 == d)
        // What we write as a JWK, Node's export reads as the same point (x, y members).
        guard case let .p256PublicKey(key) = try load(unbase64(f[5]), for: .verifying).get().material else { return }
        let ours = key.jwk(), node = try JSONValue(parsing: Array(f[8].utf8))
        #expect(ours["x"] == node.objectValue?["x"] && ours["y"] == node.objectValue?["y"] && ours["crv"] == node.objectValue?["crv"])
    }

    @Test("refusals: encrypted, another curve (by OID), RSA-only callers, JWK of another curve, x and y not d·G")
    func refusals() throws {
        let f = Self.forms
        try #require(f.count == 10)
        #expect(load(unbase64(f[6])).failure == .keyFormat(.encryptedKey))
        #expect(load(unbase64(f[9])).failure == .p256(.unsupportedCurve(oid: "1.3.132.0.34")))
        #expect(load(unbase64(f[9])).failure?.description.contains("P-384") == true)
        // Callers that can only use RSA get today's sentence for every EC form.
        for form in [unbase64(f[1]), unbase64(f[2]), Array(f[1].utf8), unbase64(f[9])] {
            #expect(load(form, acceptingP256: false).failure == .keyFormat(.notRSA(algorithm: "EC")))
        }
        #expect(load(Array(f[7].utf8), acceptingP256: false).failure == .jwk(.notRSA("EC")))
        var jwk = try #require(try JSONValue(parsing: Array(f[7].utf8)).objectValue)
        jwk["crv"] = .string("P-384")
        #expect(load(Array(JSONValue.object(jwk).serialized.utf8)).failure == .jwk(.unsupportedCurve("P-384")))
        jwk["crv"] = .string("P-256")
        let x = jwk["x"], y = jwk["y"]
        jwk["x"] = y
        jwk["y"] = x
        #expect(load(Array(JSONValue.object(jwk).serialized.utf8)).failure != nil)
        jwk["x"] = .string("AQAB")
        #expect(load(Array(JSONValue.object(jwk).serialized.utf8)).failure == .jwk(.invalidECMemberLength(member: "x", count: 3)))
        var publicJWK = try #require(try JSONValue(parsing: Array(f[8].utf8)).objectValue)
        #expect(load(Array(JSONValue.object(publicJWK).serialized.utf8)).failure == .jwk(.publicKeyNotPrivate))
        publicJWK["alg"] = .string("RS256")
        #expect(load(Array(JSONValue.object(publicJWK).serialized.utf8), for: .verifying).failure == .jwk(.algorithmNotES256("RS256")))
        #expect(KeyLoadError.jwk(.unsupportedCurve("P-384")).description == #"the JSON Web Key has "crv": "P-384"; only "P-256" is supported"#)
    }

    @Test("RSA keys come back validated under the size policy given, from PEM and from a JWK")
    func rsaKeysAreValidatedUnderThePolicy() throws {
        // openssl made these keys (Vectors/cli/generate.sh); its modulus is the oracle for the
        // accepted key, and a 1024-bit key is refused by default with RSAError's reason.
        let pem = Array(try vectorText("cli/rsa-1024.pem").utf8)
        let modulus = try #require(try shell("openssl rsa -in '\(vectorsDirectory.path)/cli/rsa-1024.pem' -noout -modulus").first)
        #expect(load(pem).failure == .rsa(.keyTooSmall(bits: 1024, minimum: 2048)))
        let legacy = try KeyLoader.load(bytes: pem, for: .signing, policy: .allowingLegacySizes)
        guard case let .rsaPrivateKey(key) = legacy.material else {
            Issue.record("expected an RSA private key, got \(legacy.material)")
            return
        }
        #expect(key.keySizeInBits == 1024)
        let n = try base64URLBytes(try #require(key.publicKey.jwk()["n"]?.stringValue))
        #expect(modulus == "Modulus=" + hex(n).uppercased())
        // For verifying, a public key is returned as one, and the size policy is the same.
        let publicPEM = Array(key.publicKey.pemRepresentation.utf8)
        #expect(load(publicPEM, for: .verifying).failure == .rsa(.keyTooSmall(bits: 1024, minimum: 2048)))
        guard case let .rsaPublicKey(publicKey) = try KeyLoader.load(bytes: publicPEM, for: .verifying, policy: .allowingLegacySizes).material
        else {
            Issue.record("expected an RSA public key")
            return
        }
        #expect(publicKey.derRepresentation == key.publicKey.derRepresentation)
        // A JWK goes through the same validation.
        let jwk = Array(JSONValue.object(key.publicKey.jwk()).serialized.utf8)
        #expect(load(jwk, for: .verifying).failure == .rsa(.keyTooSmall(bits: 1024, minimum: 2048)))
        #expect(KeyLoadError.rsa(.keyTooSmall(bits: 1024, minimum: 2048)).description == RSAError.keyTooSmall(bits: 1024, minimum: 2048).description)
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case let .failure(error) = self { return error }
        return nil
    }
}
