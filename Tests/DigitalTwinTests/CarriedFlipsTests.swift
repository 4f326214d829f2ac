import ISACMath
import ISACOptimization
import ISACPhysics
import Testing

@testable import DigitalTwin

/// `lstm-fp` with carried flips (TW19): last slot's flips kept in the start where they still raise
/// its sum rate, tried with O(K·N) rate updates (``IncrementalRates``).
@Suite struct CarriedFlipsTests {
    let base = LearnedRefinedPolicyTests()

    func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) }
    }

    /// After a sequence of random one-vehicle moves (accepted and undone), the updated rates are
    /// the reference rates of eq. (10) (K² inner products, `CommunicationModel`) of the final
    /// assignment and beams, with and without inter-RSU interference.
    @Test func incrementalRatesAreTheReferenceRates() throws {
        let (now, _) = try base.slots(policy: HeuristicPolicy(), seed: 21, count: 1, every: 5)[0]
        for interRSU in [false, true] {
            var config = base.parameters.config
            config.options.interRSUInterference = interRSU
            let p = now.problem
            let problem = DecisionProblem(
                parameters: ScenarioParameters(config), links: p.links, positionsAlongRoad: p.positionsAlongRoad)
            var rng = Xoshiro256StarStar(seed: 3)
            var assignment = now.decision.assignment
            var beams = now.decision.beams
            var rates = IncrementalRates(problem: problem, assignment: assignment, beams: beams)
            #expect(close(rates.rates, problem.referenceRates(assignment: assignment, beams: beams)))
            for step in 0..<40 {
                let v = Int(rng.next() % UInt64(problem.vehicleCount))
                let j = Int(rng.next() % UInt64(problem.rsuCount))
                let f = step % 2 == 0 ? problem.matchedBeam(rsu: j, vehicle: v) : beams[(v + 1) % beams.count]
                let saved = rates
                rates.move(v, to: j, beam: f)
                if step % 3 == 2 {
                    rates = saved  // undone, as a rejected trial
                } else {
                    (assignment[v], beams[v]) = (j, f)
                }
                #expect(rates.assignment == assignment)
                #expect(close(rates.rates, problem.referenceRates(assignment: assignment, beams: beams)))
            }
        }
    }

    /// The carried flips by an independent replay: the same greedy pass over the vehicles whose
    /// carried RSU differs from the start's, each trial scored with the reference rates, gives the
    /// same moved vehicles; a moved vehicle has its carried RSU, beam and FP weights, every other
    /// vehicle keeps its start; the start's sum rate never falls.
    @Test func carriedFlipsAreTheGreedyReplay() throws {
        let lstm = base.lstm()
        let policy = LearnedRefinedPolicy(learned: lstm, usesBeamNetwork: false, carriesFlips: true)
        var movedInAll = 0
        for (now, before) in try base.slots(policy: HeuristicPolicy(), seed: 22, count: 4, every: 7) {
            let problem = now.problem
            let carried = base.carried(now, from: before)
            let (assignment, _) = try lstm.assignmentWithConfidence(problem)
            let (start, decision) = policy.start(problem, assignment: assignment, network: nil, carried: carried)
            let (flipped, flippedDecision, moved) = policy.reappliedCarriedFlips(
                problem, start: start, decision: decision, carried: carried)
            // The replay.
            var a = decision.assignment, f = decision.beams
            var best = problem.referenceRates(assignment: a, beams: f).reduce(0, +)
            var expected: [Int] = []
            for v in 0..<problem.vehicleCount where carried.assignment[v] != a[v] {
                let saved = (a[v], f[v])
                (a[v], f[v]) = (carried.assignment[v], carried.beams[v]!.projectedOntoBall())
                let r = problem.referenceRates(assignment: a, beams: f).reduce(0, +)
                if r > best { (best, expected) = (r, expected + [v]) } else { (a[v], f[v]) = saved }
            }
            #expect(moved == expected)
            #expect(flippedDecision.sumRate >= decision.sumRate)
            #expect(abs(flippedDecision.sumRate - best) <= 1e-9 * best)
            for v in 0..<problem.vehicleCount {
                if moved.contains(v) {
                    #expect(flipped.assignment[v] == carried.assignment[v])
                    #expect((flipped.beams[v]! - carried.beams[v]!.projectedOntoBall()).norm <= 1e-12)
                    #expect(flipped.weights?[v] == carried.weights?[v])
                } else {
                    #expect(flipped.assignment[v] == start.assignment[v])
                    #expect((flipped.beams[v]! - start.beams[v]!).norm <= 1e-12)
                    #expect(flipped.weights?[v] == start.weights?[v])
                }
            }
            #expect(flippedDecision == (try LearnedRefinedPolicy(
                learned: lstm, fpIterations: 0, usesBeamNetwork: false, carriesFlips: true
            ).decide(problem, from: carried, budget: .unlimited)))
            movedInAll += moved.count
        }
        #expect(movedInAll > 0)  // the carried heuristic decisions do differ where it pays
        // Without a carried start there is nothing to carry.
        let (now, _) = try base.slots(policy: HeuristicPolicy(), seed: 22, count: 1, every: 7)[0]
        let (assignment, _) = try lstm.assignmentWithConfidence(now.problem)
        let (start, decision) = policy.start(now.problem, assignment: assignment, network: nil, carried: nil)
        #expect(policy.reappliedCarriedFlips(now.problem, start: start, decision: decision, carried: nil).moved.isEmpty)
    }

    /// With carried flips, with and without the beam network and the guided flips, the decision
    /// is never below its start (the carried-flip start, hence never below the start without
    /// them) under work budgets 1-4, respects the budget and is deterministic; a time budget below
    /// one forward pass returns the carried-flip start itself.
    @Test func neverBelowItsStartUnderBudgets() throws {
        let lstm = base.lstm()
        for (now, before) in try base.slots(policy: HeuristicPolicy(), seed: 23, count: 3, every: 9) {
            let problem = now.problem
            let carried = base.carried(now, from: before)
            for beamNetwork in [false, true] {
                let zero = LearnedRefinedPolicy(
                    learned: lstm, fpIterations: 0, usesBeamNetwork: beamNetwork, carriesFlips: true)
                let start = try zero.decide(problem, from: carried, budget: .unlimited)
                let plainStart = try LearnedRefinedPolicy(learned: lstm, fpIterations: 0, usesBeamNetwork: beamNetwork)
                    .decide(problem, from: carried, budget: .unlimited)
                #expect(start.sumRate >= plainStart.sumRate)
                for guide in [nil, FlipGuide.standard] {
                    for n in [1, 2, 4] {
                        let policy = LearnedRefinedPolicy(
                            learned: lstm, budget: DecisionBudget(fpIterations: n), guide: guide,
                            usesBeamNetwork: beamNetwork, carriesFlips: true)
                        let d = try policy.decide(problem, from: carried, budget: .unlimited)
                        #expect(d.sumRate >= start.sumRate)
                        #expect(d.fpIterations <= n)
                        #expect(d == (try policy.decide(problem, from: carried, budget: .unlimited)))
                        #expect(close(d.rates, problem.referenceRates(assignment: d.assignment, beams: d.beams)))
                    }
                    let tiny = LearnedRefinedPolicy(
                        learned: lstm, budget: DecisionBudget(fpIterations: 3, cpuSeconds: 1e-7), guide: guide,
                        usesBeamNetwork: beamNetwork, carriesFlips: true)
                    #expect(try tiny.decide(problem, from: carried, budget: .unlimited) == start)
                }
            }
        }
    }
}
