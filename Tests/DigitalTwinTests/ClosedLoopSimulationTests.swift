import Foundation
import ISACMath
import ISACOptimization
import ISACPhysics
import Testing

@testable import DigitalTwin

/// The closed loop (Figs. 9-11): perfect-tracking equivalence with the static engine, Little's
/// law, the RCRB ordering in N, determinism, policy independence and robustness.
@Suite struct ClosedLoopSimulationTests {
    static let deterministic = TwinOptions(measureLatency: false)

    func parameters(rate: Double = 5, antennas: Int = 32, sensing: Bool = true) -> ScenarioParameters {
        var c = ScenarioConfig.paper
        c.traffic.arrivalRatePerDirection = rate
        c.antennas.transmit = antennas
        c.antennas.receive = antennas
        c.options.sensingConstraint = sensing
        return ScenarioParameters(c)
    }

    /// With perfect tracking the twin decides on the true next-slot geometry, so (a) the rates it
    /// realises in slot n+1 equal those it predicted in slot n, and (b) they equal what the static
    /// decision engine computes from scratch on that geometry (sensing off, no warm start, so the
    /// static problem is the same problem). Tolerance 1e-9 relative: the same arithmetic on two
    /// code paths.
    @Test(arguments: ["distance-mf", "distance-fp", "heuristic"])
    func perfectTrackingMatchesTheStaticEngine(policyName: String) throws {
        let p = parameters(sensing: false)
        let policy = try DecisionPolicyRegistry.standard.policy(named: policyName)
        let options = TwinOptions(perfectTracking: true, measureLatency: false, warmStart: false)
        let sim = ClosedLoopSimulation(parameters: p, policies: [policy], options: options, seed: 3)
        let world = sim.trajectory(slots: 60)
        let records = try #require(try sim.run(world: world))[0]
        var checked = 0
        for n in 20..<(world.slotCount - 1) {
            // The vehicles decided in slot n are those of slot n still on the road in slot n+1.
            let nextIds = Set(world.snapshots[n + 1].map(\.id))
            let decided = world.snapshots[n].filter { nextIds.contains($0.id) }.map { $0.advanced(by: p.slotSeconds) }
            guard !decided.isEmpty else { continue }
            let realised = records[n + 1].sumRate
            #expect(abs(realised - records[n].predictedNextSumRate) <= 1e-9 * max(realised, 1))
            let problem = DecisionProblem(parameters: p, vehicles: decided)
            let fresh = try policy.decide(problem)
            #expect(abs(realised - fresh.sumRate) <= 1e-9 * max(realised, 1), "slot \(n)")
            checked += 1
        }
        #expect(checked > 20)
    }

    /// Little's law in the simulated world: mean count 2λL/v̄ = 20 (λ = 5/s). Over 200 s after a
    /// 4 s warm-up the standard error is ≈ √(20·2·2/200) ≈ 0.63; tolerance 2.0 (≈ 3 SE, 10 %).
    @Test func vehicleCountObeysLittlesLaw() {
        let p = parameters()
        let sim = ClosedLoopSimulation(parameters: p, policies: [], seed: 4)
        let world = sim.trajectory(slots: 10_200)
        let counts = world.snapshots.dropFirst(200).map { Double($0.count) }
        #expect(abs(Statistics.mean(counts) - 20) < 2.0)
    }

    /// RCRB_d falls with the array size: σ_ν² ∝ 1/κ² = 1/(N_t N_r), so the steady-state RCRB of
    /// distance scales like 1/N; we require the ordering and a ratio ≥ 1.5 per doubling.
    @Test func meanRCRBDecreasesWithAntennas() throws {
        var means: [Double] = []
        for n in [16, 32, 64] {
            let sim = ClosedLoopSimulation(
                parameters: parameters(antennas: n), policies: [DistanceMatchedFilterPolicy()],
                options: Self.deterministic, seed: 5)
            let records = try #require(try sim.run(world: sim.trajectory(slots: 300)))[0]
            means.append(Statistics.mean(records.dropFirst(100).compactMap(\.meanRCRBDistance)))
        }
        #expect(means[0] > 1.5 * means[1] && means[1] > 1.5 * means[2], "\(means)")
    }

    @Test func sameSeedSameRecords() throws {
        let policies: [any DecisionPolicy] = [DistanceMatchedFilterPolicy(), DistanceFractionalProgrammingPolicy()]
        func run(_ seed: UInt64) throws -> [[SlotRecord]] {
            let sim = ClosedLoopSimulation(parameters: parameters(), policies: policies, options: Self.deterministic, seed: seed)
            return try #require(try sim.run(world: sim.trajectory(slots: 80)))
        }
        let a = try run(6)
        #expect(a == (try run(6)), "same seed, different records")
        #expect(a != (try run(7)), "different seeds, same records")
    }

    /// Each policy's twin is independent: distance-fp's rows are the same whether or not other
    /// policies run beside it (the gain column uses the reference twin, which always runs).
    @Test func addingAPolicyChangesNoOtherPolicysRows() throws {
        let p = parameters()
        func rows(_ policies: [any DecisionPolicy]) throws -> [SlotRecord] {
            let sim = ClosedLoopSimulation(parameters: p, policies: policies, options: Self.deterministic, seed: 8)
            let all = try #require(try sim.run(world: sim.trajectory(slots: 80)))
            return all[policies.firstIndex { $0.name == "distance-fp" }!]
        }
        let alone = try rows([DistanceFractionalProgrammingPolicy()])
        let together = try rows([DistanceMatchedFilterPolicy(), GreedyPolicy(), DistanceFractionalProgrammingPolicy()])
        #expect(alone == together, "distance-fp's rows depend on the other policies")
        #expect(alone.contains { $0.gainVsDistanceMF != 0 })
    }

    /// Empty road, dense traffic (λ = 50/s per direction) and a lone vehicle crossing broadside of
    /// both RSUs: every number stays finite.
    @Test func robustOnEmptyDenseAndBroadsideTraffic() throws {
        let policies: [any DecisionPolicy] = [DistanceMatchedFilterPolicy(), DistanceFractionalProgrammingPolicy()]
        for (rate, slots) in [(0.0, 50), (50.0, 40)] {
            let sim = ClosedLoopSimulation(parameters: parameters(rate: rate), policies: policies, options: Self.deterministic, seed: 9)
            let records = try #require(try sim.run(world: sim.trajectory(slots: slots)))
            for r in records.joined() {
                #expect(r.sumRate.isFinite && r.gainVsDistanceMF.isFinite && r.predictedNextSumRate.isFinite)
                if rate == 0 { #expect(r.vehicles == 0 && r.sumRate == 0) }
            }
        }
        // One vehicle entering at x = −30 at 30 m/s passes x = 0 (broadside of both RSUs) at 1 s.
        let p = parameters()
        var snapshots: [[Vehicle]] = []
        var v = Vehicle(id: 0, position: Point(x: -30, y: 2.5), velocity: 30)
        while p.highway.contains(x: v.position.x) {
            snapshots.append([v])
            v = v.advanced(by: p.slotSeconds)
        }
        let world = WorldTrajectory(snapshots: snapshots, slotSeconds: p.slotSeconds)
        let sim = ClosedLoopSimulation(parameters: p, policies: policies, options: Self.deterministic, seed: 10)
        let records = try #require(try sim.run(world: world))
        for r in records.joined() {
            #expect(r.sumRate.isFinite && (r.meanRCRBDistance ?? 0).isFinite)
        }
        // Served in every slot after the first: one vehicle, no interference, SNR ≈ +15 dB or more.
        #expect(records[0].dropFirst(2).allSatisfy { $0.servedVehicles == 1 && $0.sumRate > 4 })
    }

    @Test func summaryStatistics() {
        let records = (0..<100).map { n in
            SlotRecord(
                time: Double(n), policy: "p", vehicles: 2, servedVehicles: 2, sumRate: 10, gainVsDistanceMF: Double(n % 2),
                meanRCRBDistance: 0.01, predictedNextSumRate: 10, decisionTime: Double(n) * 1e-3,
                deadlineMissed: n >= 90, flips: 0, fpIterations: 0)
        }
        let s = PolicySummary(records: records, warmupSlots: 0, batches: 10)
        #expect(s.meanGain == 0.5 && s.meanSumRate == 10 && s.deadlineMisses == 10)
        // Batches of 10 alternate 0/1 evenly: every batch mean is 0.5, standard error 0.
        #expect(s.meanGainStandardError == 0)
        #expect(abs(s.latencyP50 - 0.0495) < 1e-12 && s.latencyMax == 0.099)
    }
}
