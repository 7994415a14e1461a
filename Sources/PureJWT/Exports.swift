// `import PureJWT` is the one import the token job needs: the RSA and P-256 keys that sign and
// verify (PureRSA, PureP256), the hashes and HMAC behind them (PureSHA2: `SHA256.hash(data:)` for
// the digest overloads of `signature(for:)`, HMAC secrets) and the JSON values that claims and
// headers are made of (PureJSON) come with it.
@_exported import PureJSON
@_exported import PureRSA
@_exported import PureP256
@_exported import PureSHA2
