import ISACLearning
import ISACMath
import ISACOptimization
import ISACPhysics
import Testing

@testable import DigitalTwin

/// `lstm-fp` as an anytime decision (TW12): carried start, FP that continues across slots, budget
/// (without the guided flips of TW13, which ``GuidedFlipsTests`` cover).
@Suite struct LearnedRefinedPolicyTests {
    let parameters = ScenarioParameters(.paper)

    /// An untrained pair: its beams are poor, so FP has work to do.
    func lstm() -> LearnedPolicy {
        let layout = FeatureLayout(transmitAntennas: 32, receiveAntennas: 32, rsuCount: 2)
        return LearnedPolicy(
            assignmentModel: randomLearnedModel(.assignment, inputs: layout.featureCount, outputs: 2, seed: 1),
            beamformingModel: randomLearnedModel(.beamforming, inputs: layout.featureCount, outputs: 64, seed: 2))
    }

    /// Consecutive decided slots of a twin running `policy` (each with the slot decided before it).
    func slots(policy: any DecisionPolicy, seed: UInt64, count: Int, every: Int) throws -> [(DecidedSlot, DecidedSlot)] {
        var rng = Xoshiro256StarStar(seed: seed)
        var traffic = TrafficSimulator(parameters: parameters, using: &rng)
        var twin = PolicyTwin(
            policy: policy, parameters: parameters, options: TwinOptions(measureLatency: false),
            decisionOptions: .standard, seed: seed)
        var out: [(DecidedSlot, DecidedSlot)] = []
        var n = 0
        while out.count < count {
            traffic.step(using: &rng)
            let before = twin.lastDecided
            _ = try twin.step(slot: n, vehicles: traffic.vehicles, time: traffic.time)
            if n >= 100, n % every == 0, let before, let now = twin.lastDecided { out.append((now, before)) }
            n += 1
        }
        return out
    }

    func carried(_ now: DecidedSlot, from before: DecidedSlot) -> DecisionStart {
        DecisionStart.carried(
            from: before.decision, ids: before.vehicleIds, to: now.vehicleIds, problem: now.problem,
            previousProblem: before.problem)
    }

    /// With the twin's carried start, the decision is never below its own start (which is never
    /// below `lstm`), keeps the network's assignment, has feasible beams and reference rates; and
    /// where the network keeps a vehicle's previous RSU the start holds the carried beam.
    @Test func neverBelowItsCarriedStart() throws {
        let lstm = lstm()
        let refined = LearnedRefinedPolicy(learned: lstm, fpIterations: 2, guide: nil)
        var improved = 0, kept = 0
        for (now, before) in try slots(policy: refined, seed: 5, count: 5, every: 7) {
            let problem = now.problem
            let start = carried(now, from: before)
            let network = try lstm.decide(problem)
            let (polishStart, startDecision) = refined.start(problem, network: network, carried: start)
            let d = try refined.decide(problem, from: start, budget: .unlimited)
            #expect(startDecision.sumRate >= network.sumRate)
            #expect(d.sumRate >= startDecision.sumRate)
            #expect(d.assignment == network.assignment)
            #expect(d.beams.allSatisfy { $0.normSquared <= 1 + 1e-9 })
            let reference = problem.referenceRates(assignment: d.assignment, beams: d.beams)
            #expect(zip(d.rates, reference).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
            for v in 0..<problem.vehicleCount where start.assignment[v] == network.assignment[v] {
                guard let f = start.beams[v], startDecision.sumRate > network.sumRate else { continue }
                #expect((polishStart.beams[v]! - f).norm <= 1e-12)
                kept += 1
            }
            if d.sumRate > startDecision.sumRate * 1.001 { improved += 1 }
        }
        #expect(improved > 0)  // FP is not a no-op
        #expect(kept > 0)  // the carried beams are used
    }

    /// The FP-iteration budget is a hard, deterministic limit (re-aim step included), a larger
    /// budget never returns less, and budget 0 returns the start itself.
    @Test func workBudgetIsRespectedAndDeterministic() throws {
        let lstm = lstm()
        for (now, before) in try slots(policy: HeuristicPolicy(), seed: 7, count: 3, every: 9) {
            let problem = now.problem
            let start = carried(now, from: before)
            let (_, startDecision) = LearnedRefinedPolicy(learned: lstm, guide: nil).start(
                problem, network: try lstm.decide(problem), carried: start)
            var previousRate = -Double.infinity
            for n in 0...4 {
                let policy = LearnedRefinedPolicy(learned: lstm, budget: DecisionBudget(fpIterations: n), guide: nil)
                let d = try policy.decide(problem, from: start, budget: .unlimited)
                #expect(d.fpIterations <= n)
                #expect(d == (try policy.decide(problem, from: start, budget: .unlimited)))
                #expect(d.sumRate >= previousRate)
                previousRate = d.sumRate
                if n == 0 { #expect(d == startDecision) }
                // The caller's budget tightens the policy's own.
                let tight = try LearnedRefinedPolicy(learned: lstm, budget: DecisionBudget(fpIterations: 4), guide: nil)
                    .decide(problem, from: start, budget: DecisionBudget(fpIterations: n))
                #expect(tight == d)
            }
        }
    }

    /// FP work accumulates across slots: deciding a problem with one FP iteration, then again from
    /// that decision with one more, equals one decision with two iterations (FP is memoryless given
    /// the beams, and a start whose RSUs the network keeps is continued, not restarted; equal up to
    /// round-off, ~1e−9 in the beams).
    @Test func fpContinuesFromTheStart() throws {
        let lstm = lstm()
        let one = LearnedRefinedPolicy(learned: lstm, fpIterations: 1, guide: nil)
        let two = LearnedRefinedPolicy(learned: lstm, fpIterations: 2, guide: nil)
        for (now, _) in try slots(policy: HeuristicPolicy(), seed: 9, count: 3, every: 11) {
            let problem = now.problem
            let first = try one.decide(problem, from: nil, budget: .unlimited)
            let again = try one.decide(
                problem, from: DecisionStart(assignment: first.assignment, beams: first.beams.map { $0 }),
                budget: .unlimited)
            let direct = try two.decide(problem, from: nil, budget: .unlimited)
            #expect(first.fpIterations == 1 && direct.fpIterations == 2)
            #expect(abs(again.sumRate - direct.sumRate) <= 1e-9 * direct.sumRate)
            #expect(again.sumRate > first.sumRate)
            // Equal up to the round-off of the beam step (a restart would differ by an FP step).
            for v in 0..<problem.vehicleCount { #expect((again.beams[v] - direct.beams[v]).norm <= 1e-6) }
            #expect((0..<problem.vehicleCount).contains { (first.beams[$0] - direct.beams[$0]).norm > 1e-4 })
        }
    }
}
