/// Why a big-number operation refused its input.
///
/// Every public operation of `PureBigNum` that can be handed a value it cannot work with throws
/// one of these instead of trapping. The `description` is a sentence for a person.
@nonexhaustive
public enum BigNumError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A modulus must be odd for Montgomery arithmetic (RSA moduli and primes always are).
    case evenModulus
    /// A modulus of zero (or one) leaves no room for arithmetic.
    case modulusTooSmall
    /// An operand has more limbs than the operation allows.
    case operandTooWide(limbs: Int, maximum: Int)
    /// A value does not fit in the requested number of bytes.
    case valueTooWide(bytes: Int, maximum: Int)
    /// Division or reduction by zero.
    case divisionByZero
    /// The value has no inverse modulo the given modulus (they share a factor).
    case noInverse
    /// A character in a hexadecimal or decimal string is not a digit of that base.
    case invalidDigit(offset: Int)
    /// An empty string was given where a number was expected.
    case emptyString
    /// A subtraction would go below zero.
    case negativeResult
    /// A random value was asked for below a bound of zero: the range is empty.
    case emptyRange

    /// One sentence saying what is wrong.
    public var description: String {
        switch self {
        case .evenModulus: return "the modulus is even; Montgomery arithmetic needs an odd modulus"
        case .modulusTooSmall: return "the modulus must be greater than one"
        case let .operandTooWide(limbs, maximum):
            return "an operand has \(limbs) 64-bit limbs where at most \(maximum) are allowed"
        case let .valueTooWide(bytes, maximum):
            return "the value needs \(bytes) bytes but only \(maximum) are available"
        case .divisionByZero: return "division by zero"
        case .noInverse: return "the value has no inverse modulo the modulus (they share a factor)"
        case let .invalidDigit(offset): return "the character at offset \(offset) is not a digit"
        case .emptyString: return "an empty string is not a number"
        case .negativeResult: return "the subtraction would give a negative result"
        case .emptyRange: return "there is no value below zero to choose from: the bound must be positive"
        }
    }
}
