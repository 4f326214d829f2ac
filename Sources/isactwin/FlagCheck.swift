import ArgumentParser
import ISACPhysics

/// Range checks of command-line flags in the one error style of ``ConfigError`` (field = the flag,
/// value, valid range; exit code 64, D11).
enum FlagCheck {
    static func integer(_ flag: String, _ value: Int, _ range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw ValidationError(ConfigError(field: flag, value: "\(value)", validRange: "an integer in [\(range.lowerBound), \(range.upperBound)]").description)
        }
    }

    /// A finite number in [lo, hi] (or (lo, hi] when `lowerOpen`).
    static func number(_ flag: String, _ value: Double, _ lo: Double, _ hi: Double, lowerOpen: Bool = false, unit: String = "") throws {
        guard value.isFinite, lowerOpen ? value > lo : value >= lo, value <= hi else {
            throw ValidationError(ConfigError(field: flag, value: "\(value)", validRange: "\(lowerOpen ? "(" : "[")\(lo), \(hi)]\(unit)").description)
        }
    }

    /// One of `values`.
    static func oneOf(_ flag: String, _ value: String, _ values: [String]) throws {
        guard values.contains(value) else {
            throw ValidationError(ConfigError(field: flag, value: "'\(value)'", validRange: "one of: \(values.joined(separator: ", "))").description)
        }
    }

    /// Rethrows a ``ConfigError`` as a usage error (for `validate()`, whose errors ArgumentParser
    /// reports with exit code 64 only when they are ``ValidationError``s).
    static func usage<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ConfigError { throw ValidationError(e.description) }
    }
}
