import Testing
@testable import PureDER
