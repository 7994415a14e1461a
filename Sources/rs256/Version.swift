// The release this source is. The one place the version is written: `rs256 --version` prints it,
// and a test holds it equal to the top release heading of CHANGELOG.md. It lives in the command,
// not the library, so the library gains no public declaration for it (SwiftPM resolves library
// versions from the git tag).

/// The semantic version of this release, as tagged in git and headed in CHANGELOG.md.
let releaseVersion = "1.0.0"
