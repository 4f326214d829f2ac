import Foundation
import Testing

/// `--budget-fp-iterations` / `--budget-ms` on `sweep` and `bench decisions` (issue 10, O12).
@Suite struct BudgetFlagsCLITests {
    typealias CLI = CLIRunner

    /// Sum rate per (drop, scheme) of a sweep.csv.
    static func sumRates(_ csv: String) -> [String: Double] {
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, let d = header.firstIndex(of: "drop"), let s = header.firstIndex(of: "scheme"),
            let r = header.firstIndex(of: "sum_rate_bps_hz")
        else { return [:] }
        var out: [String: Double] = [:]
        for row in lines.dropFirst() where row.count == header.count { out["\(row[d]) \(row[s])"] = Double(row[r]) }
        return out
    }

    /// A zero work budget leaves distance-fp at its start, the nearest RSU with matched beams,
    /// i.e. distance-mf's decision; without a budget FP raises the sum rate above it.
    @Test func sweepHonoursTheWorkBudget() throws {
        let dir = CLI.scratch("budget-sweep")
        let base = ["sweep", "vehicles", "--counts", "6", "--antennas", "8", "--drops", "3", "--schemes", "distance-mf,distance-fp", "--no-timing"]
        let zero = try CLI.run(base + ["--budget-fp-iterations", "0", "--out", "z"], in: dir)
        #expect(zero.status == 0, "\(zero.stderr)")
        #expect(zero.stdout.contains("budget 0 FP iterations"), "\(zero.stdout)")
        let free = try CLI.run(base + ["--out", "u"], in: dir)
        #expect(free.status == 0, "\(free.stderr)")
        let z = Self.sumRates(try String(contentsOfFile: "\(dir)/z/sweep.csv", encoding: .utf8))
        let u = Self.sumRates(try String(contentsOfFile: "\(dir)/u/sweep.csv", encoding: .utf8))
        var raised = 0
        for drop in 0..<3 {
            let mf = try #require(z["\(drop) distance-mf"]), fp0 = try #require(z["\(drop) distance-fp"])
            #expect(abs(fp0 - mf) <= 1e-9 * max(1, mf), "drop \(drop): \(fp0) vs \(mf)")
            let fp = try #require(u["\(drop) distance-fp"])
            #expect(fp >= mf - 1e-9 * max(1, mf))
            if fp > mf * (1 + 1e-6) { raised += 1 }
        }
        #expect(raised > 0, "FP without a budget never beat matched beams")
    }

    /// Out-of-range budgets exit 64 naming the flag (D11), on both commands.
    @Test func badBudgetsAreRejected() throws {
        let dir = CLI.scratch("budget-bad")
        let cases: [([String], String)] = [
            (["bench", "decisions", "--vehicles", "2", "--antennas", "4", "--drops", "1", "--budget-ms", "-1"], "--budget-ms"),
            (["bench", "decisions", "--vehicles", "2", "--antennas", "4", "--drops", "1", "--budget-fp-iterations", "-2"], "--budget-fp-iterations"),
            (["sweep", "vehicles", "--counts", "2", "--antennas", "4", "--drops", "1", "--budget-ms", "nan", "--out", "o"], "--budget-ms"),
        ]
        for (args, flag) in cases {
            let r = try CLI.run(args, in: dir)
            #expect(r.status == 64 && r.stderr.contains(flag), "\(args.joined(separator: " ")) → \(r.status): \(r.stderr)")
        }
    }
}
