// A small command-line parser: `--name VALUE`, `--name=VALUE`, flags, repeatable options,
// positionals, `--` to end options, `-` as a positional meaning standard input.

/// How a run ends when it does not succeed: the exit code and one line for stderr.
struct Failure: Error {
    /// 1 when the token, signature or data is at fault (refused), 2 when the caller is (usage,
    /// key, files, environment).
    let code: Int32
    let message: String

    static func usage(_ message: String) -> Failure { Failure(code: 2, message: message) }
    static func input(_ message: String) -> Failure { Failure(code: 2, message: message) }
    static func rejected(_ message: String) -> Failure { Failure(code: 1, message: message) }
}

/// One option a subcommand accepts.
struct OptionSpec {
    /// Names with dashes, the first being the one shown (`--tenant`, then aliases like `--sub`).
    let names: [String]
    /// The placeholder for its value (`ID`, `SECONDS`), or nil for a flag.
    let value: String?
    let help: String
    var repeatable = false
}

/// A subcommand: its name, what it does, its options and positionals, for parsing and `--help`.
struct CommandSpec {
    let name: String
    let summary: String
    /// The usage line after `rs256 NAME`.
    let synopsis: String
    let options: [OptionSpec]
    /// The most positional arguments accepted.
    let maxPositionals: Int
    /// Extra paragraphs for `--help`.
    let details: String

    var help: String {
        var lines = ["usage: rs256 \(name) \(synopsis)", "", summary]
        if !options.isEmpty {
            lines.append("")
            lines.append("options:")
            let shown =
                options.map { option -> (String, String) in
                    let names = option.names.joined(separator: ", ")
                    return (option.value.map { "\(names) \($0)" } ?? names, option.help)
                } + [("-h, --help", "print this help")]
            let width = shown.map { $0.0.count }.max() ?? 0
            for (left, right) in shown {
                lines.append("  " + padded(left, to: width + 2) + right)
            }
        }
        if !details.isEmpty {
            lines.append("")
            lines.append(details)
        }
        return lines.joined(separator: "\n")
    }
}

/// What the parser found.
struct ParsedArguments {
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []
    var positionals: [String] = []
    var wantsHelp = false

    /// The last value of the option whose first name is `name`.
    func value(_ name: String) -> String? { values[name]?.last }
    /// Every value of a repeatable option, in order.
    func values(_ name: String) -> [String] { values[name] ?? [] }
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Parses `arguments` (after the subcommand name) against `spec`.
    init(_ arguments: [String], spec: CommandSpec) throws(Failure) {
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            if argument == "-h" || argument == "--help" {
                wantsHelp = true
                continue
            }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = spec.options.first(where: { $0.names.contains(name) }) else {
                throw .usage("'\(shown(name))' is not an option of 'rs256 \(spec.name)' (see rs256 \(spec.name) --help)")
            }
            let key = option.names[0]
            guard let placeholder = option.value else {
                guard inlineValue == nil else { throw .usage("\(name) takes no value") }
                flags.insert(key)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw .usage("\(name) needs a value (\(name) \(placeholder))") }
                value = arguments[index]
                index += 1
            }
            if !option.repeatable, values[key] != nil {
                throw .usage("\(name) was given more than once")
            }
            values[key, default: []].append(value)
        }
        if !wantsHelp && positionals.count > spec.maxPositionals {
            let extra = positionals[spec.maxPositionals]
            throw .usage(
                spec.maxPositionals == 0
                    ? "'rs256 \(spec.name)' takes no arguments besides options, but got '\(shown(extra))'"
                    : "unexpected extra argument '\(shown(extra))' (see rs256 \(spec.name) --help)")
        }
    }
}

/// Parses a whole decimal number of seconds within `range`.
func parseSeconds(_ text: String, option: String, range: ClosedRange<Int64>) throws(Failure) -> Int64 {
    guard let value = Int64(text), text.first != "+" else {
        let digits = text.utf8.drop(while: { $0 == UInt8(ascii: "-") })
        if !digits.isEmpty, text.utf8.prefix(while: { $0 == UInt8(ascii: "-") }).count <= 1,
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        {
            throw .usage("\(option) must be between \(range.lowerBound) and \(range.upperBound), not \(shown(text))")
        }
        throw .usage("\(option) needs a whole number of seconds, not '\(shown(text))'")
    }
    guard range.contains(value) else {
        throw .usage("\(option) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
    }
    return value
}
