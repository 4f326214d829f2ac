import Foundation
import ArgumentParser
import ISACPhysics

/// Parses comma-separated flag values (D11 error style: flag, value, valid range or values).
enum CommaSeparated {
    /// Integers, each within `range`, no duplicates.
    static func integers(_ text: String, flag: String, range: ClosedRange<Int>) throws -> [Int] {
        let valid = "a comma-separated list of distinct integers in [\(range.lowerBound), \(range.upperBound)]"
        func fail(_ value: String) -> ValidationError {
            ValidationError(ConfigError(field: flag, value: value, validRange: valid).description)
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { throw fail("'\(text)'") }
        var values: [Int] = []
        for part in parts {
            guard let v = Int(part), range.contains(v) else { throw fail("'\(part)' in '\(text)'") }
            guard !values.contains(v) else { throw fail("\(v) twice in '\(text)'") }
            values.append(v)
        }
        return values
    }

    /// Names, each one of `known`, no duplicates; `hint` explains names that need another flag.
    static func names(_ text: String, flag: String, known: [String], hint: [String: String] = [:]) throws -> [String] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let valid = "a comma-separated list of: \(known.joined(separator: ", "))"
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else {
            throw ValidationError(ConfigError(field: flag, value: "'\(text)'", validRange: valid).description)
        }
        for (i, part) in parts.enumerated() {
            guard known.contains(part) else {
                let extra = hint[part].map { " (\($0))" } ?? ""
                throw ValidationError(ConfigError(field: flag, value: "'\(part)'", validRange: valid + extra).description)
            }
            guard !parts[..<i].contains(part) else {
                throw ValidationError(ConfigError(field: flag, value: "'\(part)' twice", validRange: valid).description)
            }
        }
        return parts
    }
}
