// Tests for PureBigNum arrive with the module itself.
import Testing
