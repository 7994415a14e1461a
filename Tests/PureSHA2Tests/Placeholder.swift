// Tests for PureSHA2 arrive with the module itself.
import Testing
