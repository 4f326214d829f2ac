import ISACMath
import ISACPhysics
import Testing

@testable import DigitalTwin
@testable import ISACOptimization

/// `lstm-fp`'s network-guided flips (TW13): the flip search of the heuristic over the vehicles the
/// assignment network is least sure of, from `lstm-fp`'s own start.
@Suite struct GuidedFlipsTests {
    let base = LearnedRefinedPolicyTests()

    /// Candidates by hand: p_v(s_v) ≤ threshold, least sure first (ties to the lower index), at
    /// most `limit`; threshold 1 admits every vehicle.
    @Test func candidatesAreTheLeastSure() {
        let p: [[Float]] = [[0.9, 0.1], [0.4, 0.6], [0.55, 0.45], [0.2, 0.8], [0.6, 0.4]]
        let assignment = [0, 1, 0, 1, 0]  // p(s_v) = 0.9, 0.6, 0.55, 0.8, 0.6
        #expect(FlipGuide(threshold: 0.7, limit: 10).candidates(assignment: assignment, probabilities: p) == [2, 1, 4])
        #expect(FlipGuide(threshold: 0.7, limit: 2).candidates(assignment: assignment, probabilities: p) == [2, 1])
        #expect(FlipGuide(threshold: 0.5, limit: 10).candidates(assignment: assignment, probabilities: p).isEmpty)
        #expect(FlipGuide(threshold: 1, limit: 10).candidates(assignment: assignment, probabilities: p) == [2, 1, 4, 3, 0])
        #expect(FlipGuide(threshold: 1, limit: 0).candidates(assignment: assignment, probabilities: p).isEmpty)
    }

    /// Under every work budget and with the twin's carried start, the guided decision is never
    /// below `lstm-fp`'s own start (hence never below `lstm`), its rates are the reference rates
    /// of its beams, and only candidates change RSU.
    @Test func neverBelowTheStartAndOnlyCandidatesFlip() throws {
        let lstm = base.lstm()
        let guide = FlipGuide(threshold: 0.99, limit: 6)
        var flipped = 0
        for (now, before) in try base.slots(policy: HeuristicPolicy(), seed: 5, count: 4, every: 7) {
            let problem = now.problem
            let carried = base.carried(now, from: before)
            let (network, probabilities) = try lstm.decideWithConfidence(problem)
            #expect(network == (try lstm.decide(problem)))
            let (start, startDecision) = LearnedRefinedPolicy(learned: lstm).start(
                problem, network: network, carried: carried)
            let candidates = Set(guide.candidates(assignment: start.assignment, probabilities: probabilities))
            for n in [1, 2, 3, 5, 8] {
                let policy = LearnedRefinedPolicy(learned: lstm, budget: DecisionBudget(fpIterations: n), guide: guide)
                let d = try policy.decide(problem, from: carried, budget: .unlimited)
                #expect(d.sumRate >= startDecision.sumRate)
                #expect(d.sumRate >= network.sumRate)
                #expect(d.fpIterations <= n)
                let reference = problem.referenceRates(assignment: d.assignment, beams: d.beams)
                #expect(zip(d.rates, reference).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
                let moved = (0..<problem.vehicleCount).filter { d.assignment[$0] != start.assignment[$0] }
                #expect(moved.allSatisfy(candidates.contains))
                flipped += moved.count
            }
        }
        #expect(flipped > 0)  // the search does flip
    }

    /// The same decision up to round-off: the same assignment, flips and FP iterations, sum rates
    /// within 1e−9 relative and beams within 1e−6 (OpenBLAS may round differently for differently
    /// aligned buffers, so two identical computations need not agree bit for bit).
    func expectSame(_ a: Decision, _ b: Decision) {
        #expect(a.assignment == b.assignment)
        #expect(a.flips == b.flips && a.fpIterations == b.fpIterations)
        #expect(abs(a.sumRate - b.sumRate) <= 1e-9 * abs(b.sumRate))
        #expect(zip(a.beams, b.beams).allSatisfy { ($0 - $1).norm <= 1e-6 })
    }

    /// With every vehicle admitted as a candidate, the guided search is the heuristic's plain
    /// flip search (no candidate list) from the same start, with the same inner FP limit; and a
    /// candidate list in another order with duplicates gives the same decision.
    @Test func everyVehicleAdmittedIsThePlainFlipSearch() throws {
        let lstm = base.lstm()
        for (now, before) in try base.slots(policy: HeuristicPolicy(), seed: 8, count: 3, every: 9) {
            let problem = now.problem
            let carried = base.carried(now, from: before)
            let all = FlipGuide(threshold: 1, limit: problem.vehicleCount)
            let network = try lstm.decide(problem)
            let (start, _) = LearnedRefinedPolicy(learned: lstm).start(problem, network: network, carried: carried)
            for n in [3, 6] {
                let budget = DecisionBudget(fpIterations: n)
                var meter = BudgetMeter(budget)
                let plain = HeuristicPolicy().search(
                    problem, warmStart: nil, start: start, meter: &meter, innerIterations: 1
                ).decision
                let guided = try LearnedRefinedPolicy(learned: lstm, budget: budget, guide: all)
                    .decide(problem, from: carried, budget: .unlimited)
                expectSame(guided, plain)
                let shuffled = Array((0..<problem.vehicleCount).reversed()) + [0, 1]
                let listed = HeuristicPolicy().flipSearch(
                    problem, from: start, budget: budget, candidates: shuffled, innerIterations: 1)
                expectSame(listed, plain)
            }
        }
    }
}
