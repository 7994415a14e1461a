// Tests for PureRSA arrive with the module itself.
import Testing
