// Tests for PureJWT arrive with the module itself.
import Testing
