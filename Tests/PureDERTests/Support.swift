// The PureDER tests' helpers (vector files, hex, the seeded generator) come from the TestSupport
// target; this import makes them visible in every file of the target.
@_exported import TestSupport

/// `count` random bytes from `rng` (the count may itself be drawn from `rng`).
func randomBytes(_ count: Int, using rng: inout SeededGenerator) -> [UInt8] { rng.bytes(count) }
