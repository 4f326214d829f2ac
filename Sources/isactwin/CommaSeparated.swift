import Foundation
import ArgumentParser

/// Parses a comma-separated list of integers for a CLI flag, each within `range`, no duplicates.
enum CommaSeparated {
    static func integers(_ text: String, flag: String, range: ClosedRange<Int>) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else {
            throw ValidationError("\(flag) '\(text)': expected a comma-separated list of integers in \(range.lowerBound)...\(range.upperBound).")
        }
        var values: [Int] = []
        for part in parts {
            guard let v = Int(part), range.contains(v) else {
                throw ValidationError("\(flag) '\(text)': '\(part)' is not an integer in \(range.lowerBound)...\(range.upperBound).")
            }
            guard !values.contains(v) else {
                throw ValidationError("\(flag) '\(text)': \(v) appears twice.")
            }
            values.append(v)
        }
        return values
    }
}
