import Foundation
import ISACMath
import ISACOptimization
import ISACPhysics
import Testing

@testable import DigitalTwin

/// Issue 13, cases 5 and 7: a streamed run equals the whole-run records, the constant-memory
/// summary equals the one from all records, and an empty statistic is nil, never NaN.
@Suite struct StreamingSummaryTests {
    static let deterministic = TwinOptions(measureLatency: false)

    func records(_ count: Int, seed: UInt64) -> [SlotRecord] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { n in
            SlotRecord(
                time: Double(n), policy: "p", vehicles: Int(rng.next() % 9), servedVehicles: 0,
                sumRate: Double(rng.next() % 1000) / 7, gainVsDistanceMF: Double(rng.next() % 100) / 13 - 3,
                meanRCRBDistance: rng.next() % 3 == 0 ? nil : Double(rng.next() % 100) * 1e-3,
                predictedNextSumRate: 0, decisionTime: Double(rng.next() % 10_000) * 1e-6,
                deadlineMissed: rng.next() % 5 == 0, flips: 0, fpIterations: 0)
        }
    }

    /// Hand-computed reference (the former array formulas) against the accumulator.
    @Test(arguments: [1, 2, 19, 20, 21, 137, 1000])
    func accumulatorMatchesTheFormulasOnAllRecords(count: Int) throws {
        let rs = records(count, seed: UInt64(count))
        let warmup = count / 3
        let s = PolicySummary(records: rs, warmupSlots: warmup, batches: 20)
        let steady = Array(rs.dropFirst(min(warmup, max(rs.count - 1, 0))))
        #expect(s.slots == count)
        #expect(abs(s.meanSumRate - Statistics.mean(steady.map(\.sumRate))) <= 1e-12 * max(1, abs(s.meanSumRate)))
        #expect(abs(s.meanGain - Statistics.mean(steady.map(\.gainVsDistanceMF))) <= 1e-12 * max(1, abs(s.meanGain)))
        let b = min(20, steady.count)
        if b >= 2 {
            let size = steady.count / b
            let means = (0..<b).map { i in Statistics.mean(steady[(i * size)..<((i + 1) * size)].map(\.gainVsDistanceMF)) }
            let se = try #require(s.meanGainStandardError)
            #expect(abs(se - Statistics.standardError(means)) <= 1e-12 * max(1, se))
            #expect(s.gainBatches == b)
        } else {
            #expect(s.meanGainStandardError == nil && s.gainBatches == 0)
        }
        let rcrb = rs.compactMap(\.meanRCRBDistance)
        #expect(s.rcrbSlots == rcrb.count)
        #expect(s.meanRCRBDistance.map { abs($0 - Statistics.mean(rcrb)) < 1e-12 } ?? rcrb.isEmpty)
        #expect(s.latencyP50 == Statistics.quantile(rs.map(\.decisionTime), 0.5))
        #expect(s.latencyP99 == Statistics.quantile(rs.map(\.decisionTime), 0.99))
        #expect(s.deadlineMisses == rs.filter(\.deadlineMissed).count)
    }

    /// Beyond the exact limit the latency quantiles come from the histogram: within its bin width
    /// (10^(1/200) − 1 ≈ 1.16 %, so ±0.6 % around the bin's centre, plus one order statistic).
    @Test func latencyQuantilesStayAccurateInConstantMemory() {
        var rng = Xoshiro256StarStar(seed: 9)
        var q = LatencyQuantiles()
        var all: [Double] = []
        for _ in 0..<(LatencyQuantiles.exactLimit + 20_000) {
            let x = 1e-4 * exp(3 * rng.nextUniform())  // 0.1 ms to 2 ms, log-uniform
            q.add(x)
            all.append(x)
        }
        for p in [0.01, 0.5, 0.9, 0.99] {
            let exact = Statistics.quantile(all, p)
            #expect(abs(q.quantile(p) / exact - 1) < 0.007, "p \(p): \(q.quantile(p)) vs \(exact)")
        }
    }

    /// Case 7: one slot of an empty road (`--arrival-rate 0 --duration 1`, 1 s slots): the standard
    /// error and the RCRB are absent (null, count 0) and the JSON holds no "nan".
    @Test func emptyStatisticsAreNullNotNaN() throws {
        var c = ScenarioConfig.paper
        c.traffic.arrivalRatePerDirection = 0
        c.radio.slotSeconds = 1
        let sim = ClosedLoopSimulation(
            parameters: ScenarioParameters(c), policies: [DistanceMatchedFilterPolicy()], options: Self.deterministic, seed: 1)
        let rs = try #require(try sim.run(world: sim.trajectory(slots: 1)))[0]
        let s = PolicySummary(records: rs, warmupSlots: 1)
        #expect(s.meanGainStandardError == nil && s.gainBatches == 0)
        #expect(s.meanRCRBDistance == nil && s.rcrbSlots == 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(s), as: UTF8.self)
        #expect(json.contains(#""mean_rcrb_d_m":null"#) && json.contains(#""rcrb_slots":0"#))
        #expect(!json.lowercased().contains("nan") && !json.contains("inf"))
    }

    /// Case 5: the streamed run (blocks of a few slots, world generated on the way) gives exactly
    /// the records of the whole-run API, whatever the block size.
    @Test(arguments: [1, 7, 250])
    func streamingEqualsTheWholeRun(blockSlots: Int) throws {
        var c = ScenarioConfig.paper
        c.antennas.transmit = 8
        c.antennas.receive = 8
        let policies: [any DecisionPolicy] = [HeuristicPolicy(), DistanceFractionalProgrammingPolicy()]
        let sim = ClosedLoopSimulation(parameters: ScenarioParameters(c), policies: policies, options: Self.deterministic, seed: 5)
        let whole = try #require(try sim.run(world: sim.trajectory(slots: 40)))
        var streamed = Array(repeating: [SlotRecord](), count: policies.count)
        var blocks = 0
        let finished = try sim.stream(slots: 40, blockSlots: blockSlots) { block in
            blocks += 1
            for p in block.indices { streamed[p] += block[p] }
        }
        #expect(finished && blocks == (40 + blockSlots - 1) / blockSlots)
        #expect(streamed == whole)
    }

    /// A stop request ends the stream within the slot and reports it.
    @Test func streamStopsWhenAsked() throws {
        let sim = ClosedLoopSimulation(
            parameters: ScenarioParameters(.paper), policies: [DistanceMatchedFilterPolicy()], options: Self.deterministic, seed: 2)
        var handed = 0
        let finished = try sim.stream(slots: 1_000, blockSlots: 10, progress: { n in n < 25 }) { block in handed += block[0].count }
        #expect(!finished && handed == 20)
    }
}
