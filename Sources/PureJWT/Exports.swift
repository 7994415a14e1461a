// `import PureJWT` is the one import the token job needs: the JSON values that claims and headers
// are made of come with it.
@_exported import PureJSON
