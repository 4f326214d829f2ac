import Foundation

/// Computes, formats and records the numbers of the report: every printed measurement goes
/// through ``number(_:_:_:where:format:scale:)``, which reads it from a parsed CSV and remembers
/// its source.
struct ReportBuilder {
    let tables: [String: CSVTable]
    private(set) var numbers: [ReportedNumber] = []

    init(tables: [String: CSVTable]) { self.tables = tables }

    /// The statistic of `column` over the rows of `file` matching `filter`; NaN if the file or
    /// rows are missing (printed as "n/a" and not recorded).
    mutating func value(
        _ file: String, _ column: String, _ statistic: ReportStatistic, where filter: RowFilter = RowFilter(),
        scale: Double = 1
    ) -> Double {
        guard let table = tables[file], let x = try? table.values(column, where: filter), !x.isEmpty else { return .nan }
        return scale * statistic.apply(x)
    }

    /// The formatted number, recorded with its source.
    mutating func number(
        _ file: String, _ column: String, _ statistic: ReportStatistic, where filter: RowFilter = RowFilter(),
        format: String = "%.3g", scale: Double = 1
    ) -> String {
        let v = value(file, column, statistic, where: filter, scale: scale)
        guard v.isFinite else { return "n/a" }
        let text = String(format: format, v)
        numbers.append(
            ReportedNumber(
                file: file, column: column, filter: filter, statistic: statistic, scale: scale, value: v, text: text))
        return text
    }

    /// "mean ± ci" of a column (95 % Student-t interval over the selected rows).
    mutating func meanWithInterval(
        _ file: String, _ column: String, where filter: RowFilter, format: String = "%.3f", interval: ReportStatistic = .ci95
    ) -> String {
        let m = number(file, column, .mean, where: filter, format: format)
        let h = number(file, column, interval, where: filter, format: format)
        return h == "n/a" ? m : "\(m) ± \(h)"
    }
}
