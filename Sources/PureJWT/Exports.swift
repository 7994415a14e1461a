// `import PureJWT` is the one import the token job needs: the RSA keys that sign and verify
// (PureRSA) and the JSON values that claims and headers are made of (PureJSON) come with it.
@_exported import PureJSON
@_exported import PureRSA
// HMAC secrets (`SymmetricKey`) and the SHA-2 digests for HS*, P-256 keys for ES256.
@_exported import PureP256
@_exported import PureSHA2
