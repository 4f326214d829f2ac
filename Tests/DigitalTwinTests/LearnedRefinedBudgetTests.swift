import ISACMath
import ISACOptimization
import ISACPhysics
import Testing

@testable import DigitalTwin

/// `lstm-fp`'s whole-decision time budget and its start without the beam network (TW16).
@Suite struct LearnedRefinedBudgetTests {
    let base = LearnedRefinedPolicyTests()

    /// The time budget is the whole decision's: a budget smaller than the networks' own inference
    /// (100 ns, far below one forward pass) leaves nothing for FP, so the decision is `lstm-fp`'s
    /// start itself, with or without flips; an ample one equals the unbudgeted decision.
    @Test func timeBudgetCountsTheNetworks() throws {
        let lstm = base.lstm()
        for (now, before) in try base.slots(policy: HeuristicPolicy(), seed: 11, count: 3, every: 9) {
            let problem = now.problem
            let carried = base.carried(now, from: before)
            let (_, startDecision) = LearnedRefinedPolicy(learned: lstm).start(
                problem, network: try lstm.decide(problem), carried: carried)
            for guide in [nil, FlipGuide.standard] {
                let tiny = LearnedRefinedPolicy(
                    learned: lstm, budget: DecisionBudget(fpIterations: 3, cpuSeconds: 1e-7), guide: guide)
                let d = try tiny.decide(problem, from: carried, budget: .unlimited)
                #expect(d == startDecision)
                #expect(d.fpIterations == 0)
                // The caller's time budget (the twin's deadline) counts from the same entry.
                let viaCaller = try LearnedRefinedPolicy(learned: lstm, budget: DecisionBudget(fpIterations: 3), guide: guide)
                    .decide(problem, from: carried, budget: DecisionBudget(cpuSeconds: 1e-7))
                #expect(viaCaller == startDecision)
                let ample = try LearnedRefinedPolicy(
                    learned: lstm, budget: DecisionBudget(fpIterations: 3, cpuSeconds: 100), guide: guide
                ).decide(problem, from: carried, budget: .unlimited)
                let unbudgeted = try LearnedRefinedPolicy(learned: lstm, budget: DecisionBudget(fpIterations: 3), guide: guide)
                    .decide(problem, from: carried, budget: .unlimited)
                #expect(ample.assignment == unbudgeted.assignment && ample.fpIterations == unbudgeted.fpIterations)
                #expect(abs(ample.sumRate - unbudgeted.sumRate) <= 1e-9 * unbudgeted.sumRate)
            }
        }
    }

    /// The assignment network alone gives exactly the assignment and probabilities of the full
    /// `lstm` decision (the beam network does not influence them).
    @Test func assignmentAloneMatchesTheFullDecision() throws {
        let lstm = base.lstm()
        for (now, _) in try base.slots(policy: HeuristicPolicy(), seed: 12, count: 3, every: 9) {
            let full = try lstm.decideWithConfidence(now.problem)
            let alone = try lstm.assignmentWithConfidence(now.problem)
            #expect(alone.assignment == full.decision.assignment)
            #expect(alone.probabilities == full.probabilities)
        }
    }

    /// Without the beam network the start is the network's assignment with the carried beam
    /// (steered, with its FP weights) where the network keeps a vehicle's RSU and the matched
    /// beam elsewhere; the decision is never below that start under any work budget, is
    /// deterministic, handles vehicles that arrived or left since the carried decision (the
    /// twin's slots have both) and respects the budget.
    @Test func withoutTheBeamNetworkNeverBelowItsStart() throws {
        let lstm = base.lstm()
        var changedFleet = 0, flipped = 0
        for (now, before) in try base.slots(policy: HeuristicPolicy(), seed: 13, count: 4, every: 7) {
            let problem = now.problem
            if Set(now.vehicleIds) != Set(before.vehicleIds) { changedFleet += 1 }
            let carried = base.carried(now, from: before)
            let (assignment, _) = try lstm.assignmentWithConfidence(problem)
            let policy0 = LearnedRefinedPolicy(learned: lstm, fpIterations: 0, usesBeamNetwork: false)
            let (start, startDecision) = policy0.start(problem, assignment: assignment, network: nil, carried: carried)
            #expect(start.assignment == assignment)
            for v in 0..<problem.vehicleCount {
                let expected: ComplexVector
                if carried.assignment[v] == assignment[v], let f = carried.beams[v] {
                    expected = f
                    #expect(start.weights?[v] == carried.weights?[v])
                } else {
                    expected = problem.matchedBeam(rsu: assignment[v], vehicle: v)
                }
                #expect((start.beams[v]! - expected.projectedOntoBall()).norm <= 1e-12)
            }
            #expect(try policy0.decide(problem, from: carried, budget: .unlimited) == startDecision)
            for guide in [nil, FlipGuide.standard] {
                var previous = -Double.infinity
                for n in [1, 2, 4] {
                    let policy = LearnedRefinedPolicy(
                        learned: lstm, budget: DecisionBudget(fpIterations: n), guide: guide, usesBeamNetwork: false)
                    let d = try policy.decide(problem, from: carried, budget: .unlimited)
                    #expect(d.sumRate >= startDecision.sumRate)
                    #expect(d.fpIterations <= n)
                    #expect(d == (try policy.decide(problem, from: carried, budget: .unlimited)))
                    if guide == nil {
                        #expect(d.assignment == assignment)
                        #expect(d.sumRate >= previous)  // FP on one assignment: more work never less
                        previous = d.sumRate
                    }
                    flipped += (0..<problem.vehicleCount).filter { d.assignment[$0] != assignment[$0] }.count
                    let reference = problem.referenceRates(assignment: d.assignment, beams: d.beams)
                    #expect(zip(d.rates, reference).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) })
                }
            }
        }
        #expect(changedFleet > 0)  // arrivals / departures were exercised
        #expect(flipped > 0)
    }
}
