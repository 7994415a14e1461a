// apple/swift-crypto's `_RSA.Signing` (module _CryptoExtras), which calls BoringSSL.
import _CryptoExtras
import Foundation

enum SwiftCryptoPeer {
    /// RSA PKCS#1 v1.5 with SHA-256 over `message` (hashed by swift-crypto, as PureRSA hashes).
    static func rsa(pem: String, message: [UInt8]) throws -> (signature: [UInt8], sign: Body, verify: Body) {
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        let data = Data(message)
        let signature = try key.signature(for: data, padding: .insecurePKCS1v1_5)
        let publicKey = key.publicKey
        return (
            [UInt8](signature.rawRepresentation),
            { n in for _ in 0..<n { blackHole(try? key.signature(for: data, padding: .insecurePKCS1v1_5)) } },
            { n in
                for _ in 0..<n {
                    blackHole(publicKey.isValidSignature(signature, for: data, padding: .insecurePKCS1v1_5))
                }
            }
        )
    }

    /// Whether swift-crypto accepts `signature` for `message` under `pem`'s public key.
    static func isValid(_ signature: [UInt8], for message: [UInt8], pem: String) -> Bool {
        guard let key = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) else { return false }
        return key.publicKey.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: signature),
            for: Data(message), padding: .insecurePKCS1v1_5)
    }
}
