import DigitalTwin
import Foundation
import ISACExperiments
import ISACMath
import ISACOptimization
import ISACPhysics
import Testing

/// The tiny reproduction run shared by the report and plotting tests: every figure's CSV text,
/// from the manifest's tasks run in one process and merged, as `isactwin reproduce --tiny` does.
enum TinyReproduction {
    /// Every task of `manifest` run in one process (in memory) and merged; nil (and a recorded
    /// issue) when a task or the merge fails.
    static func runAndMerge(_ manifest: ReproductionManifest, name: String) -> ReproductionMerge? {
        let store = InMemoryReproductionStore()
        do {
            try ReproductionExecutor(manifest: manifest, store: store).run()
            return try ReproductionMerge(manifest: manifest, store: store)
        } catch {
            Issue.record("\(name) failed: \(error)")
            return nil
        }
    }

    static let seed: UInt64 = 7

    static let manifest: ReproductionManifest = {
        BLAS.setThreadCount(1)  // as the CLI does once per process (D15)
        return try! ReproductionManifest(plan: .tiny, config: .paper, seed: seed, figures: Set(5...11))
    }()

    static let merged: ReproductionMerge? = runAndMerge(manifest, name: "tiny reproduction")

    static let csv: [String: String] = merged?.csv ?? [:]

    static var report: ReproductionReport { merged!.report }
}

/// An independent reading of a CSV (split on newlines and commas), for recomputing the report's
/// numbers without the library's table and statistics code.
func selectedValues(_ text: String, _ n: ReportedNumber) -> [Double] {
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = lines[0]
    func col(_ name: String) -> Int { header.firstIndex(of: name)! }
    return lines.dropFirst().compactMap { row in
        for (c, v) in n.filter.equals where row[col(c)] != v { return nil }
        for (c, bound) in n.filter.atLeast where !(Double(row[col(c)])! >= bound) { return nil }
        return Double(row[col(n.column)])
    }
}

/// 97.5 % Student-t quantiles from a printed table (Abramowitz & Stegun 26.10).
private let t975: [Int: Double] = [1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 9: 2.262, 19: 2.093]

func recompute(_ x: [Double], _ s: ReportStatistic) -> Double? {
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n
    func se(_ y: [Double]) -> Double {
        let m = y.reduce(0, +) / Double(y.count)
        return (y.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(y.count - 1) / Double(y.count)).squareRoot()
    }
    switch s {
    case .mean: return mean
    case .ci95: return t975[x.count - 1].map { $0 * se(x) }
    case .batchMeansCI95:
        let size = x.count / 20
        let means = (0..<20).map { i in x[(i * size)..<((i + 1) * size)].reduce(0, +) / Double(size) }
        return 2.093 * se(means)
    case .first: return x.first
    case .last: return x.last
    case .minimum: return x.min()
    case .maximum: return x.max()
    case .percentNegative: return 100 * Double(x.filter { $0 < 0 }.count) / n
    case .count: return n
    }
}

@Suite("Reproduction report")
struct ReproductionReportTests {
    @Test("every figure has a section with its plot and a measurement; lstm and lstm-fp are in Figs. 7, 9, 10")
    func everyFigurePresent() throws {
        let md = TinyReproduction.report.markdown
        for file in ["fig7.csv", "fig9.csv", "fig10.csv"] {
            let table = try CSVTable(parsing: try #require(TinyReproduction.csv[file]))
            let column = file == "fig7.csv" ? "scheme" : "policy"
            for scheme in ["lstm", "lstm-fp"] {
                #expect(try table.distinct(column).contains(scheme), "no \(scheme) rows in \(file)")
            }
        }
        for file in ReproductionReport.csvFiles { #expect(TinyReproduction.csv[file] != nil, "\(file) was not produced") }
        for (title, png) in [
            ("## Fig. 5:", "fig5.png"), ("## Fig. 6:", "fig6.png"), ("## Fig. 7:", "fig7.png"),
            ("## Fig. 7 (table1-literal):", "fig7_table1_literal.png"), ("## Fig. 8:", "fig8.png"),
            ("## Fig. 9:", "fig9.png"), ("## Fig. 10:", "fig10.png"), ("## Fig. 11:", "fig11.png"),
        ] {
            #expect(md.contains(title), "missing section \(title)")
            #expect(md.contains("](\(png))"), "missing plot link \(png)")
        }
        #expect(!md.contains("not run"))
        let figures = Set(TinyReproduction.report.findings.map(\.figure))
        #expect(figures.count == 8)
        for file in ReproductionReport.csvFiles {
            #expect(TinyReproduction.report.numbers.contains { $0.file == file }, "no number from \(file)")
        }
    }

    @Test("every number in the report equals its recomputation from the CSV text")
    func numbersMatchCSV() throws {
        let report = TinyReproduction.report
        #expect(report.numbers.count > 50)
        for n in report.numbers {
            #expect(report.markdown.contains(n.text), "\(n.text) (\(n.file) \(n.column)) is not in the report")
            let text = try #require(TinyReproduction.csv[n.file])
            let x = selectedValues(text, n)
            #expect(!x.isEmpty, "no rows for \(n.file) \(n.column) [\(n.filter)]")
            guard let v = recompute(x, n.statistic) else {
                Issue.record("no t quantile for \(x.count) values (\(n.file) \(n.column))")
                continue
            }
            let printed = try #require(Double(n.text), "\(n.text) is not a number")
            let expected = n.scale * v
            // The printed text rounds the value: it must agree to its printed precision.
            let tolerance = max(abs(expected) * 5e-3, 0.051 * (n.text.contains(".") ? pow(10, -Double(n.text.split(separator: ".")[1].prefix { $0.isNumber }.count) + 1) : 1))
            #expect(abs(printed - expected) <= tolerance, "\(n.file) \(n.column) \(n.statistic) [\(n.filter)]: printed \(n.text), recomputed \(expected)")
        }
    }

    @Test("the sweep CSV's paired gain equals 100·(S − S_mf)/S_mf of the same drop")
    func pairedGainColumn() throws {
        let text = try #require(TinyReproduction.csv["fig7.csv"])
        let table = try CSVTable(parsing: text)
        let (k, d, s, sum, gain) = try (
            table.columnIndex("vehicles"), table.columnIndex("drop"), table.columnIndex("scheme"),
            table.columnIndex("sum_rate_bps_hz"), table.columnIndex("gain_vs_distance_mf_pct"))
        var base: [String: Double] = [:]
        for r in table.rows where r[s] == "distance-mf" { base[r[k] + "|" + r[d]] = Double(r[sum])! }
        #expect(base.count == ReproductionPlan.tiny.vehicleCounts.count * ReproductionPlan.tiny.drops)
        for r in table.rows {
            let b = try #require(base[r[k] + "|" + r[d]])
            let expected = 100 * (Double(r[sum])! - b) / b
            #expect(abs(Double(r[gain])! - expected) <= 1e-9 * max(1, abs(expected)))
            if r[s] == "distance-mf" { #expect(Double(r[gain])! == 0) }
        }
    }

    @Test("the table1-literal run shows the noise-limited regime of M0: schemes within 1 %")
    func literalPresetIsFlat() throws {
        let table = try CSVTable(parsing: try #require(TinyReproduction.csv["fig7_table1_literal.csv"]))
        let gains = try table.values("gain_vs_distance_mf_pct", where: RowFilter())
        #expect(!gains.isEmpty)
        #expect(gains.allSatisfy { abs($0) < 1 })
        let finding = try #require(TinyReproduction.report.findings.first { $0.figure == "Fig. 7 (table1-literal)" })
        #expect(finding.finding.contains("M0"))
    }

    @Test("a malformed CSV is rejected with the line number")
    func malformedCSV() {
        #expect(throws: CSVTable.ParseError.wrongFieldCount(line: 3, expected: 2, found: 1)) {
            try CSVTable(parsing: "a,b\n1,2\n3\n")
        }
        #expect(throws: CSVTable.ParseError.empty) { try CSVTable(parsing: "") }
        #expect(throws: CSVTable.ParseError.missingColumn("c")) { try CSVTable(parsing: "a,b\n1,2\n").columnIndex("c") }
    }
}
