// The PureRSA tests' shared helpers (vector files, hex, the NIST reader, the seeded generator)
// come from the TestSupport target; this import makes them visible in every file of the target.
@_exported import TestSupport
