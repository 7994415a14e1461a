// The rs256 command-line tool. The token command lands with the PureJWT issue.
import Foundation

let message = "rs256: no subcommand is available yet; this build carries the libraries and the benchmark (swift run -c release rs256-bench).\n"
FileHandle.standardError.write(Data(message.utf8))
exit(2)
