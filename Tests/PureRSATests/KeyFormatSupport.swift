/// Hex (any case, optional leading zeros) to minimal big-endian bytes. The vector files are
/// committed and checked by `Scripts/vector-sums.sh`, so a bad digit is a broken checkout.
func minimalBytes(hex: String) -> [UInt8] {
    Array(try! hexBytes(hex).drop(while: { $0 == 0 }))
}

/// Base64url (JWK) to minimal big-endian bytes, decoded by Foundation (independent of PureDER).
func minimalBytes(base64url: String) -> [UInt8] {
    Array(try! base64URLBytes(base64url).drop(while: { $0 == 0 }))
}
