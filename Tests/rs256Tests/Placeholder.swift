// Tests that run the built rs256 command arrive with the command itself.
import Testing
