import Foundation
import ISACLearning
import ISACMath
import ISACOptimization
import ISACPhysics
import Testing

@testable import DigitalTwin

/// The learning layer of the twin (M16): features, the dataset generator and the `lstm` policy.
@Suite struct LearnedPolicyTests {
    let parameters = ScenarioParameters(.paper)

    func policy(antennas n: Int = 32) -> LearnedPolicy {
        let layout = FeatureLayout(transmitAntennas: n, receiveAntennas: n, rsuCount: 2)
        return LearnedPolicy(
            assignmentModel: randomLearnedModel(.assignment, inputs: layout.featureCount, outputs: 2, seed: 1),
            beamformingModel: randomLearnedModel(.beamforming, inputs: layout.featureCount, outputs: 2 * n, seed: 2))
    }

    /// A heuristic twin's decided slot, after a few seconds of traffic.
    func decidedSlot() throws -> DecidedSlot {
        var rng = Xoshiro256StarStar(seed: 11)
        var traffic = TrafficSimulator(parameters: parameters, using: &rng)
        var twin = PolicyTwin(
            policy: HeuristicPolicy(), parameters: parameters, options: TwinOptions(measureLatency: false),
            decisionOptions: .standard, seed: 11)
        for n in 0..<100 {
            traffic.step(using: &rng)
            _ = try twin.step(slot: n, vehicles: traffic.vehicles, time: traffic.time)
        }
        return try #require(twin.lastDecided)
    }

    /// Each feature sits at its FeatureLayout offset, vehicles in road order, labels from the
    /// decision (written out element by element here).
    @Test func featuresAndLabelsFollowTheLayout() throws {
        let slot = try decidedSlot()
        let problem = slot.problem
        let sample = LearningFeatures.sample(problem, labels: slot.decision)
        let layout = LearningFeatures.layout(for: problem)
        #expect(layout.featureCount == 260 && sample.matches(layout))
        let order = LearningFeatures.roadOrder(problem)
        #expect(zip(order, order.dropFirst()).allSatisfy { problem.positionsAlongRoad[$0] <= problem.positionsAlongRoad[$1] })
        for (position, vehicle) in order.enumerated() {
            let base = position * layout.featureCount
            #expect(sample.assignments[position] == Int32(slot.decision.assignment[vehicle]))
            // Beam labels are residuals from the serving link's matched beam a(φ̂) (TW9).
            let serving = slot.decision.assignment[vehicle]
            let a = UniformLinearArray(elementCount: 32).steering(problem.links[serving][vehicle].phi)
            let f = slot.decision.beams[vehicle]
            #expect(abs(sample.beams[position * 64 + 3] - Float(f.re(3) - a.re(3))) < 1e-6)
            #expect(abs(sample.beams[position * 64 + 32 + 3] - Float(f.im(3) - a.im(3))) < 1e-6)
            for i in 0..<2 {
                let observation = try #require(problem.observations?[i][vehicle])
                let y = try #require(observation.lastMeasurement)
                let f = try #require(observation.previousBeam)
                #expect(sample.features[base + layout.echoRealOffset(rsu: i) + 5] == Float(y.response.re(5)))
                #expect(sample.features[base + layout.echoImaginaryOffset(rsu: i) + 5] == Float(y.response.im(5)))
                #expect(sample.features[base + layout.previousBeamRealOffset(rsu: i) + 7] == Float(f.re(7)))
                #expect(sample.features[base + layout.previousBeamImaginaryOffset(rsu: i) + 7] == Float(f.im(7)))
                #expect(sample.features[base + layout.nuOffset(rsu: i)] == Float(y.delaySeconds))
                #expect(sample.features[base + layout.muOffset(rsu: i)] == Float(y.dopplerHz))
            }
        }
    }

    /// Chunks are deterministic and independent; labels are valid heuristic decisions; the mean
    /// K follows the target (Little's law: 10 ± 5 over one chunk of correlated slots).
    @Test func datasetChunksAreDeterministicAndValid() throws {
        let generator = LearningDatasetGenerator(parameters: parameters, targetVehicles: 10, stride: 5, seed: 3, chunkSize: 8)
        let a = try generator.chunk(2)
        #expect(a == (try generator.chunk(2)))
        // Residual labels: |f − a| ≤ ‖f‖ + ‖a‖ ≤ 2.
        #expect(a != (try generator.chunk(3)))
        #expect(a.count == 8)
        let layout = FeatureLayout(transmitAntennas: 32, receiveAntennas: 32, rsuCount: 2)
        for s in a {
            #expect(s.matches(layout))
            #expect(s.assignments.allSatisfy { $0 == 0 || $0 == 1 })
            for k in 0..<s.vehicleCount {
                let norm2 = s.beams[(k * 64)..<((k + 1) * 64)].reduce(Float(0)) { $0 + $1 * $1 }
                #expect(norm2 <= 4 + 1e-5)
            }
        }
        let meanK = Double(a.reduce(0) { $0 + $1.vehicleCount }) / Double(a.count)
        #expect(meanK > 5 && meanK < 15)
    }

    /// The lstm policy returns a feasible decision whose rates are the reference rates of its
    /// assignment and beams, and refuses problems of another array size.
    @Test func learnedPolicyDecisionsAreFeasible() throws {
        let slot = try decidedSlot()
        let lstm = policy()
        let d = try lstm.decide(slot.problem)
        #expect(d.assignment.count == slot.problem.vehicleCount && d.assignment.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(d.beams.allSatisfy { $0.normSquared <= 1 + 1e-12 })
        let reference = slot.problem.referenceRates(assignment: d.assignment, beams: d.beams)
        #expect(zip(d.rates, reference).allSatisfy { abs($0 - $1) <= 1e-12 })
        #expect(d == (try lstm.decide(slot.problem)))
        #expect(throws: DecisionError.self) { _ = try policy(antennas: 16).decide(slot.problem) }
    }

    /// A model pair trained for one array size or RSU count is refused for another, with an error
    /// that names both (checked up front against the scenario and again per problem).
    @Test func modelsForAnotherArrayOrRSUCountAreRefused() throws {
        let slot = try decidedSlot()
        let lstm32 = policy()
        #expect(lstm32.trainedLayout == FeatureLayout(transmitAntennas: 32, receiveAntennas: 32, rsuCount: 2))
        try lstm32.checkCompatible(with: parameters)
        var config = ScenarioConfig.paper
        config.antennas.transmit = 16
        config.antennas.receive = 16
        do {
            try lstm32.checkCompatible(with: ScenarioParameters(config))
            Issue.record("N = 16 accepted by a model trained at N = 32")
        } catch let DecisionError.unsupportedProblem(_, reason) {
            #expect(reason.contains("N_t = 32") && reason.contains("N_t = 16"))
        }
        // Three RSUs' worth of features and classes against the paper's two.
        let three = FeatureLayout(transmitAntennas: 32, receiveAntennas: 32, rsuCount: 3)
        let lstm3 = LearnedPolicy(
            assignmentModel: randomLearnedModel(.assignment, inputs: three.featureCount, outputs: 3, seed: 1),
            beamformingModel: randomLearnedModel(.beamforming, inputs: three.featureCount, outputs: 64, seed: 2))
        do {
            _ = try lstm3.decide(slot.problem)
            Issue.record("a 3-RSU model decided a 2-RSU problem")
        } catch let DecisionError.unsupportedProblem(_, reason) {
            #expect(reason.contains("3 RSUs") && reason.contains("2 RSUs"))
        }
    }

    /// `lstm-fp` starts from the `lstm` decision (the network's assignment and its beams projected
    /// onto ‖f‖ ≤ 1) and never returns less than it; it keeps the network's assignment, its beams
    /// are feasible and its rates are the reference rates. Checked on several decided slots of a
    /// heuristic twin with a random (untrained) network, whose beams FP can clearly improve.
    @Test func refinedPolicyNeverReturnsLessThanItsStart() throws {
        var rng = Xoshiro256StarStar(seed: 5)
        var traffic = TrafficSimulator(parameters: parameters, using: &rng)
        var twin = PolicyTwin(
            policy: HeuristicPolicy(), parameters: parameters, options: TwinOptions(measureLatency: false),
            decisionOptions: .standard, seed: 5)
        let lstm = policy()
        let refined = LearnedRefinedPolicy(learned: lstm, fpIterations: 3, guide: nil)  // flips: GuidedFlipsTests
        var improved = 0, checked = 0
        for n in 0..<160 {
            traffic.step(using: &rng)
            _ = try twin.step(slot: n, vehicles: traffic.vehicles, time: traffic.time)
            guard n >= 100, n % 10 == 0, let slot = twin.lastDecided else { continue }
            let start = try lstm.decide(slot.problem)
            let d = try refined.decide(slot.problem)
            checked += 1
            #expect(d.sumRate >= start.sumRate)
            #expect(d.assignment == start.assignment)
            #expect(d.beams.allSatisfy { $0.normSquared <= 1 + 1e-9 })
            let reference = slot.problem.referenceRates(assignment: d.assignment, beams: d.beams)
            #expect(zip(d.rates, reference).allSatisfy { abs($0 - $1) <= 1e-12 })
            if d.sumRate > start.sumRate * 1.01 { improved += 1 }
        }
        #expect(checked == 6)
        #expect(improved > 0)  // the polish is not a no-op
    }

    /// The nearest training count decides (ties to the smaller).
    @Test func nearestVehicleCountPicksTheClosestModel() {
        #expect(NearestVehicleCountPolicy.nearest(26, among: [50, 10, 20]) == 20)
        #expect(NearestVehicleCountPolicy.nearest(35, among: [10, 20, 50]) == 20)
        #expect(NearestVehicleCountPolicy.nearest(36, among: [10, 20, 50]) == 50)
        #expect(NearestVehicleCountPolicy.nearest(15, among: [10, 20]) == 10)
    }

    /// `lstm` drops into the closed loop like any policy: finite rates, deterministic rows.
    @Test func learnedPolicyRunsInTheClosedLoop() throws {
        let sim = ClosedLoopSimulation(
            parameters: parameters, policies: [policy()], options: TwinOptions(measureLatency: false), seed: 12)
        let world = sim.trajectory(slots: 120)
        let records = try #require(try sim.run(world: world))[0]
        #expect(records.allSatisfy { $0.sumRate.isFinite && $0.gainVsDistanceMF.isFinite })
        #expect(records.last!.servedVehicles > 0)
        #expect(records == (try #require(try sim.run(world: world))[0]))
    }
}
