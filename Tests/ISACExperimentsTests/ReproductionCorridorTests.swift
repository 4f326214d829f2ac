import DigitalTwin
import Foundation
import ISACExperiments
import ISACMath
import ISACPhysics
import Testing

/// The tiny plan's corridor figure alone, run in one process and merged (R12).
private enum TinyCorridor {
    static let manifest: ReproductionManifest = {
        BLAS.setThreadCount(1)  // as the CLI does once per process (D15)
        return try! ReproductionManifest(plan: .tiny, config: .paper, seed: 11, figures: [ReproductionFigure.corridor])
    }()

    static let merged: ReproductionMerge? = TinyReproduction.runAndMerge(manifest, name: "tiny corridor reproduction")
}

/// Rows of a CSV as column → field dictionaries (an independent reading, no library code).
private func rows(_ text: String) -> [[String: String]] {
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
}

@Suite("Reproduction: the corridor figure (R12)")
struct ReproductionCorridorTests {
    @Test("figure ids: numbers and \"corridor\" round-trip; old integer-only manifests decode unchanged")
    func figureCoding() throws {
        let decoded = try JSONDecoder().decode([ReproductionFigure].self, from: Data("[5, 11, \"corridor\"]".utf8))
        #expect(decoded == [.paper(5), .paper(11), .corridor])
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == "[5,11,\"corridor\"]")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ReproductionFigure].self, from: Data("[\"fig7\"]".utf8)) }
        #expect(ReproductionFigure(parsing: "corridor") == .corridor && ReproductionFigure(parsing: " 7") == .paper(7))
        #expect(ReproductionFigure(parsing: "12") == nil && ReproductionFigure(parsing: "Corridor") == nil)
        #expect(ReproductionFigure.all.sorted().last == .corridor && ReproductionFigure.all.count == 8)

        // A manifest with the corridor round-trips, its figures written as 9 and "corridor".
        let m = try ReproductionManifest(plan: .tiny, config: .paper, seed: 3, figures: [.paper(9), .corridor])
        let text = String(decoding: m.encoded(), as: UTF8.self)
        #expect(text.contains("\"figures\" : [\n    9,\n    \"corridor\"\n  ]"))
        #expect(try ReproductionManifest(decoding: m.encoded(), name: "m.json") == m)

        // What an isactwin without the corridor wrote: integer figures and a plan without the
        // corridor key. It decodes with a valid fingerprint and expands to the same tasks.
        var plan = ReproductionPlan.tiny
        plan.corridor = nil
        let old = try ReproductionManifest(plan: plan, config: .paper, seed: 3, figures: [7, 9])
        let oldText = String(decoding: old.encoded(), as: UTF8.self)
        #expect(!oldText.contains("corridor") && oldText.contains("\"figures\" : [\n    7,\n    9\n  ]"))
        let back = try ReproductionManifest(decoding: Data(oldText.utf8), name: "old.json")
        #expect(back == old && back.figures == [.paper(7), .paper(9)] && back.plan.corridor == nil)
        // Such a plan cannot run the corridor.
        #expect(throws: ReproductionError.self) { try ReproductionManifest(plan: plan, config: .paper, seed: 3, figures: [.corridor]) }
    }

    @Test("--figures corridor runs only the corridor tasks, one per λ and policy; other figures none of them")
    func gating() throws {
        let corridor = try #require(ReproductionPlan.tiny.corridor)
        let only = TinyCorridor.manifest
        #expect(only.tasks.count == corridor.arrivalRates.count * corridor.policies.count)
        var seen: Set<String> = []
        for t in only.tasks {
            guard case .corridorLoop(let run, let policy) = t.work else {
                Issue.record("\(t.id) is not a corridor task")
                continue
            }
            #expect(t.stage == .simulate && t.dependencies.isEmpty)
            seen.insert("\(run)-\(policy)")
        }
        #expect(seen.count == only.tasks.count)
        let paper = try ReproductionManifest(plan: .tiny, config: .paper, seed: 11, figures: Set(5...11))
        #expect(!paper.tasks.contains { if case .corridorLoop = $0.work { return true } else { return false } })
        let both = try ReproductionManifest(plan: .tiny, config: .paper, seed: 11, figures: [.paper(11), .corridor])
        #expect(both.tasks.count == only.tasks.count + 1)
        let merged = try #require(TinyCorridor.merged)
        #expect(Set(merged.csv.keys) == Set(ReproductionReport.corridorCSVFiles))
        #expect(merged.report.findings.map(\.figure).contains("Corridor"))
    }

    @Test("the corridor tasks merge to the same CSVs in any split and order as in one process")
    func anySplitMergesIdentically() throws {
        let manifest = TinyCorridor.manifest
        let one = try #require(TinyCorridor.merged).csv
        let array = InMemoryReproductionStore()
        for i in manifest.tasks.indices.reversed() {
            try ReproductionTaskRunner(manifest: manifest, store: array).run(i, parallel: false)
        }
        let split = try ReproductionMerge(manifest: manifest, store: array).csv
        #expect(Set(split.keys) == Set(one.keys))
        for (name, text) in one { #expect(withoutTiming(text) == withoutTiming(try #require(split[name])), "\(name) differs") }
    }

    @Test("corridor.csv follows from the time series: gain = S − S_mf per slot, hand-overs / vehicle-km, p99")
    func summaryFromTimeseries() throws {
        let merged = try #require(TinyCorridor.merged)
        let plan = try #require(TinyCorridor.manifest.plan.corridor)
        let series = rows(try #require(merged.csv[CorridorCSV.timeseriesFile]))
        let summary = rows(try #require(merged.csv[CorridorCSV.summaryFile]))
        #expect(summary.count == plan.arrivalRates.count * plan.policies.count)
        for s in summary {
            let steady = series.filter { $0["arrival_rate"] == s["arrival_rate"] && Double($0["time_s"]!)! >= plan.warmupSeconds }
            let mine = steady.filter { $0["policy"] == s["policy"] }
            let reference = steady.filter { $0["policy"] == "distance-mf" }
            #expect(mine.count == reference.count && mine.count == Int(s["slots"]!)!)
            // The twins share the traffic (common random numbers): the gain is the difference of the means.
            let sum = { (r: [[String: String]]) in r.map { Double($0["sum_rate_bps_hz"]!)! }.reduce(0, +) / Double(r.count) }
            let gain = Double(s["gain_vs_distance_mf_bps_hz"]!)!
            #expect(abs(gain - (sum(mine) - sum(reference))) <= 1e-9 * max(1, abs(gain)))
            #expect(abs(Double(s["gain_vs_distance_mf_pct"]!)! - 100 * gain / sum(reference)) <= 1e-9 * max(1, abs(gain)))
            let handovers = mine.map { Double($0["handovers"]!)! }.reduce(0, +)
            let km = mine.map { Double($0["vehicles"]!)! }.reduce(0, +) * TinyCorridor.manifest.config.traffic.meanSpeed
                * TinyCorridor.manifest.config.radio.slotSeconds / 1000
            #expect(abs(Double(s["handovers_per_vehicle_km"]!)! - handovers / km) <= 1e-9 * max(1, handovers / km))
            let share = Double(s["mean_served_share"]!)!
            #expect(share > 0 && share <= 1)
            // Nearest rank: at least 99 % of the slots decide within the p99, and it is one of them.
            let decisions = mine.map { Double($0["decision_time_s"]!)! }
            let p99 = Double(s["decision_p99_s"]!)!
            #expect(decisions.contains(p99))
            #expect(Double(decisions.filter { $0 <= p99 }.count) >= 0.99 * Double(decisions.count))
            #expect(Double(decisions.filter { $0 < p99 }.count) < 0.99 * Double(decisions.count))
            if s["policy"] == "distance-mf" { #expect(gain == 0) }
        }
    }

    @Test("every number of the corridor section equals its recomputation from corridor.csv")
    func reportNumbers() throws {
        let merged = try #require(TinyCorridor.merged)
        let numbers = merged.report.numbers.filter { $0.file == CorridorCSV.summaryFile }
        let corridor = try #require(TinyCorridor.manifest.plan.corridor)
        #expect(numbers.count >= corridor.arrivalRates.count * corridor.policies.count * 4)
        #expect(!numbers.contains { CorridorCSV.timingColumns.contains($0.column) })  // the report is a function of the seed
        #expect(merged.report.markdown.contains("## Corridor"))
        #expect(merged.report.markdown.contains("\(Int(corridor.lengthMeters) / 1000 == 0 ? String(corridor.lengthMeters / 1000) : String(Int(corridor.lengthMeters) / 1000)) km"))
        for n in numbers {
            #expect(merged.report.markdown.contains(n.text))
            let x = selectedValues(try #require(merged.csv[n.file]), n)
            let v = try #require(recompute(x, n.statistic))
            let printed = try #require(Double(n.text))
            let digits = n.text.split(separator: ".").dropFirst().first?.count ?? 0
            #expect(abs(printed - n.scale * v) <= 0.51 * pow(10, -Double(digits)), "\(n.column) [\(n.filter)]: \(n.text) vs \(n.scale * v)")
        }
    }
}
