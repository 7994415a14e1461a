// Tests for PureDER arrive with the module itself.
import Testing
