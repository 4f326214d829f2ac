import Foundation
import ISACMath

/// Which rows of a figure's CSV a number is computed from: equality on some columns and a lower
/// bound on others (e.g. `time_s ≥ warm-up`, `track_age ≥ 5`).
public struct RowFilter: Sendable, Equatable, CustomStringConvertible {
    public var equals: [String: String]
    public var atLeast: [String: Double]

    public init(equals: [String: String] = [:], atLeast: [String: Double] = [:]) {
        self.equals = equals
        self.atLeast = atLeast
    }

    public func matches(_ row: [String], in table: CSVTable) throws -> Bool {
        for (column, value) in equals where row[try table.columnIndex(column)] != value { return false }
        for (column, bound) in atLeast {
            guard let x = Double(row[try table.columnIndex(column)]), x >= bound else { return false }
        }
        return true
    }

    public var description: String {
        (equals.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + atLeast.sorted { $0.key < $1.key }.map { "\($0.key)>=\($0.value)" }).joined(separator: ", ")
    }
}

/// How a number is reduced from the selected values of one column (in file order).
public enum ReportStatistic: String, Sendable, Equatable, CaseIterable {
    /// Arithmetic mean.
    case mean
    /// Half-width of the 95 % Student-t confidence interval of the mean (independent samples,
    /// e.g. drops): t₀.₉₇₅(n−1)·s/√n.
    case ci95
    /// Half-width of the 95 % interval by 20 batch means of a time series (contiguous batches of
    /// ⌊n/20⌋ values, the remainder dropped): t₀.₉₇₅(19)·SE(batch means).
    case batchMeansCI95
    /// First and last selected value.
    case first, last
    /// Smallest and largest selected value.
    case minimum, maximum
    /// Percentage of selected values below 0.
    case percentNegative
    /// Number of selected values.
    case count
}

/// One number printed in the report, with where it comes from, so a reader (and a test) can
/// recompute it from the CSV.
public struct ReportedNumber: Sendable, Equatable {
    public var file: String
    public var column: String
    public var filter: RowFilter
    public var statistic: ReportStatistic
    /// The value is multiplied by this before printing (e.g. 100 for a fraction in %).
    public var scale: Double
    public var value: Double
    /// Exactly the text that appears in the markdown.
    public var text: String
}

extension ReportStatistic {
    /// 97.5 % quantiles of Student's t for 1...30 degrees of freedom; 1.96 beyond.
    static let t975: [Double] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
        2.045, 2.042,
    ]

    public static func tQuantile975(degreesOfFreedom df: Int) -> Double {
        df >= 1 && df <= t975.count ? t975[df - 1] : 1.96
    }

    public static let batchCount = 20

    /// The statistic of `x` (NaN when undefined, e.g. an interval from one value).
    public func apply(_ x: [Double]) -> Double {
        switch self {
        case .mean: return Statistics.mean(x)
        case .ci95:
            guard x.count >= 2 else { return .nan }
            return Self.tQuantile975(degreesOfFreedom: x.count - 1) * Statistics.standardError(x)
        case .batchMeansCI95:
            let b = Self.batchCount
            guard x.count >= b else { return .nan }
            let size = x.count / b
            let means = (0..<b).map { i in Statistics.mean(Array(x[(i * size)..<((i + 1) * size)])) }
            return Self.tQuantile975(degreesOfFreedom: b - 1) * Statistics.standardError(means)
        case .first: return x.first ?? .nan
        case .last: return x.last ?? .nan
        case .minimum: return x.min() ?? .nan
        case .maximum: return x.max() ?? .nan
        case .percentNegative: return x.isEmpty ? .nan : 100 * Double(x.filter { $0 < 0 }.count) / Double(x.count)
        case .count: return Double(x.count)
        }
    }
}

extension CSVTable {
    /// The values of `column` in the rows matching `filter`, in file order (unparsable fields and
    /// empty fields are skipped).
    public func values(_ column: String, where filter: RowFilter) throws -> [Double] {
        let c = try columnIndex(column)
        return try rows.compactMap { row in try filter.matches(row, in: self) ? Double(row[c]) : nil }
    }
}
