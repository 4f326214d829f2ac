import Foundation
import ISACMath
import ISACPhysics
import Testing

@testable import ISACOptimization

/// The heuristic's surrogate search (issue 10, O25): the matched-beam surrogate's incremental
/// quantities, the search against a direct reconstruction, its floor, its budgets. No timing.
@Suite struct SurrogateSearchTests {
    static func options(_ evaluation: DecisionOptions.FlipEvaluation) -> DecisionOptions {
        var o = DecisionOptions.standard
        o.flipEvaluation = evaluation
        return o
    }

    static func drop(_ k: Int, seed: UInt64, sensing: Double, interRSU: Bool = false) -> DecisionProblem {
        TestProblems.drop(
            vehicles: k, seed: seed, antennas: 8, interRSU: interRSU, sensingFraction: sensing,
            options: options(.surrogate))
    }

    /// After every flip the surrogate's incremental rates, sum rate, M11 what-if rates and the change
    /// of the sum rate of every possible move equal a fresh FP state with matched beams
    /// (``FPState/evaluate()``, ``FPState/whatIfRate(vehicle:rsu:)``, the move made and evaluated) to
    /// 1e-9, and its flip is the batched rule's (``FPState/bestFlip(scratch:)``); with and without
    /// inter-RSU interference.
    @Test(arguments: [false, true])
    func incrementalQuantitiesMatchADirectEvaluation(interRSU: Bool) {
        for seed in UInt64(1)...4 {
            let problem = Self.drop(12, seed: 800 + seed, sensing: 0, interRSU: interRSU)
            var surrogate = MatchedBeamSurrogate(problem: problem, assignment: problem.nearestAssignment)
            var scratch = FlipGainScratch()
            for round in 0..<8 {
                var direct = FPState(problem: problem, assignment: surrogate.assignment)  // matched beams
                direct.evaluate()
                for v in 0..<problem.vehicleCount {
                    #expect(abs(surrogate.rate(v) - direct.rate(v)) <= 1e-9 * max(1, direct.rate(v)), "seed \(seed) round \(round) v \(v)")
                    for j in 0..<problem.rsuCount where j != surrogate.assignment[v] {
                        let w = direct.whatIfRate(vehicle: v, rsu: j)
                        #expect(abs(surrogate.whatIfRate(v, rsu: j) - w) <= 1e-9 * max(1, w))
                    }
                }
                #expect(abs(surrogate.sumRate - direct.sumRate) <= 1e-9 * direct.sumRate)
                // The O(K) change of the sum rate of every possible move, against the move made on a
                // fresh state with matched beams.
                for v in 0..<problem.vehicleCount {
                    for j in 0..<problem.rsuCount where j != surrogate.assignment[v] {
                        var moved = FPState(problem: problem, assignment: surrogate.assignment)
                        moved.assignment[v] = j
                        moved.setMatchedBeam(v)
                        moved.evaluate()
                        let change = moved.sumRate - direct.sumRate
                        #expect(abs(surrogate.sumRateChange(moving: v, to: j) - change) <= 1e-9 * direct.sumRate, "v \(v)")
                    }
                }
                let flip = surrogate.bestFlip(), batched = direct.bestFlip(scratch: &scratch)
                #expect(flip?.vehicle == batched?.vehicle && flip?.rsu == batched?.rsu, "seed \(seed) round \(round)")
                // Move the best flip's vehicle, else vehicle `round`, so every round changes the state.
                let (v, j) = flip.map { ($0.vehicle, $0.rsu) } ?? (round, 1 - surrogate.assignment[round])
                surrogate.move(v, to: j)
            }
        }
    }

    /// The search is Algorithm 3 on matched beams, a steepest ascent of the matched-beam sum rate
    /// and one FP: rebuilt here from fresh FP states, direct what-if rates and every candidate move
    /// evaluated in full (no surrogate), then ``FractionalProgramming`` on the result from its
    /// matched beams. Same assignment, flips (+ moves), FP iterations, sum rate to 1e-9.
    @Test(arguments: [0.0, 0.9])
    func equalsADirectReconstruction(sensing: Double) throws {
        for seed in UInt64(1)...6 {
            let problem = Self.drop(12, seed: 900 + seed, sensing: sensing)
            let k = problem.vehicleCount
            var assignment = problem.nearestAssignment
            var visited: Set<[Int]> = [assignment]
            var best = (rate: -Double.infinity, assignment: assignment)
            var flips = 0
            while true {
                var state = FPState(problem: problem, assignment: assignment)
                state.evaluate()
                if state.sumRate > best.rate { best = (state.sumRate, assignment) }
                if flips == problem.options.heuristicFlipCapFactor * k { break }
                var move: (v: Int, j: Int, e: Double)? = nil
                for v in 0..<k {
                    for j in 0..<problem.rsuCount where j != assignment[v] {
                        let e = state.whatIfRate(vehicle: v, rsu: j) - state.rate(v)
                        if e > (move?.e ?? 0) { move = (v, j, e) }
                    }
                }
                guard let (v, j, _) = move else { break }
                flips += 1
                assignment[v] = j
                if !visited.insert(assignment).inserted { break }
            }
            // The steepest ascent from the best, every candidate move evaluated on a fresh state.
            var ascent = best.assignment
            var moves = 0
            while moves < problem.options.heuristicFlipCapFactor * k {
                var state = FPState(problem: problem, assignment: ascent)
                state.evaluate()
                let current = state.sumRate
                var move: (v: Int, j: Int, gain: Double)? = nil
                for v in 0..<k {
                    for j in 0..<problem.rsuCount where j != ascent[v] {
                        var moved = state
                        moved.assignment[v] = j
                        moved.setMatchedBeam(v)
                        moved.evaluate()
                        let gain = moved.sumRate - current
                        if gain > (move?.gain ?? SurrogateSearch.ascentTolerance * max(1, current)) { move = (v, j, gain) }
                    }
                }
                guard let (v, j, _) = move else { break }
                ascent[v] = j
                moves += 1
            }
            flips += moves
            best.assignment = ascent
            let fp = FractionalProgramming(options: problem.options).solve(problem, assignment: best.assignment)
            let decision = try HeuristicPolicy().decide(problem)
            #expect(decision.assignment == best.assignment, "seed \(seed)")
            #expect(decision.flips == flips && decision.fpIterations == fp.iterations, "seed \(seed)")
            #expect(abs(decision.sumRate - fp.sumRate) <= 1e-9 * fp.sumRate, "seed \(seed)")
            #expect(decision.sensingViolations == 0 || sensing == 0)
        }
    }

    /// Never below its first state, the nearest assignment with matched beams (distance-mf), nor
    /// below the surrogate's own best (FP from matched beams is monotone, Lemma 2).
    @Test(arguments: [(0.0, false), (0.9, false), (0.9, true)])
    func neverBelowItsStart(sensing: Double, interRSU: Bool) throws {
        for seed in UInt64(1)...6 {
            let problem = Self.drop(10, seed: 1000 + seed, sensing: sensing, interRSU: interRSU)
            let mf = try DistanceMatchedFilterPolicy().decide(problem)
            let decision = try HeuristicPolicy().decide(problem)
            let matchedBest = MatchedBeamSurrogate(problem: problem, assignment: decision.assignment).sumRate
            #expect(decision.sumRate >= mf.sumRate * (1 - 1e-12), "seed \(seed)")
            #expect(decision.sumRate >= matchedBest * (1 - 1e-12), "seed \(seed)")
        }
    }

    /// Work budgets (O12): zero returns the start (distance-mf's decision, bit for bit), a larger
    /// budget never returns less, an unreached one equals the unbudgeted decision bit for bit; a
    /// time budget of zero also returns the start.
    @Test func budgetsAreRespected() throws {
        for seed in UInt64(1)...4 {
            let problem = Self.drop(10, seed: 1100 + seed, sensing: 0.9)
            let mf = try DistanceMatchedFilterPolicy().decide(problem)
            let unbudgeted = try HeuristicPolicy().decide(problem)
            for zero in [DecisionBudget(fpIterations: 0), DecisionBudget(cpuSeconds: 0)] {
                let d = try HeuristicPolicy().decide(problem, from: nil, budget: zero)
                #expect(d.assignment == mf.assignment && d.beams == mf.beams && d.sumRate == mf.sumRate, "seed \(seed)")
                #expect(d.flips == 0 && d.fpIterations == 0 && d.outcome == .budgetExhausted)
            }
            var previous = mf.sumRate
            for n in [1, 2, 3, 5, 8, 13] {
                let d = try HeuristicPolicy().decide(problem, from: nil, budget: DecisionBudget(fpIterations: n))
                #expect(d.fpIterations <= n)
                #expect(d.sumRate >= previous * (1 - 1e-12), "seed \(seed) budget \(n)")
                previous = d.sumRate
            }
            let ample = try HeuristicPolicy().decide(
                problem, from: nil, budget: DecisionBudget(fpIterations: unbudgeted.fpIterations + 1))
            #expect(ample == unbudgeted)
            #expect(unbudgeted.sumRate >= previous * (1 - 1e-12))
        }
    }

    /// From a carried start (or a warm-start decision) the search is the exact one (O25: the
    /// carried beams are FP beams, not the surrogate's matched beams).
    @Test func fromAStartIsTheExactSearch() throws {
        for (d, problem) in (UInt64(1)...3).map({ Self.drop(8, seed: 1200 + $0, sensing: 0.9) }).enumerated() {
            let start = AnytimeDecisionTests.start(for: problem, seed: UInt64(d))
            let exactProblem = problem.with(options: Self.options(.exact))
            for budget in [DecisionBudget(fpIterations: 3), .unlimited] {
                let surrogate = try HeuristicPolicy().decide(problem, from: start, budget: budget)
                let exact = try HeuristicPolicy().decide(exactProblem, from: start, budget: budget)
                #expect(surrogate == exact, "drop \(d) budget \(budget)")
            }
            let warm = try HeuristicPolicy().decide(problem, warmStart: try HeuristicPolicy().decide(problem))
            let warmExact = try HeuristicPolicy().decide(
                exactProblem, warmStart: try HeuristicPolicy().decide(problem))
            #expect(warm == warmExact)
        }
    }

    /// On small drops the surrogate search keeps the exact search's sum rate: over 24 drops of K = 10
    /// (N = 8) its mean is ≥ 99 % of the exact mean with sensing at 0.9 λ_max and without (the 50-drop
    /// sweeps of O25 at N = 32: 99.7-108 % of the exact mean; here 102.4 / 102.6 %).
    @Test(arguments: [0.0, 0.9])
    func keepsTheExactSearchsSumRateOnSmallDrops(sensing: Double) throws {
        var surrogateTotal = 0.0, exactTotal = 0.0
        for seed in UInt64(1)...24 {
            let problem = Self.drop(10, seed: 1400 + seed, sensing: sensing)
            surrogateTotal += try HeuristicPolicy().decide(problem).sumRate
            exactTotal += try HeuristicPolicy().decide(problem.with(options: Self.options(.exact))).sumRate
        }
        #expect(surrogateTotal >= 0.99 * exactTotal, "\(surrogateTotal) vs \(exactTotal)")
    }

    /// The ascent ends at a local optimum of the surrogate: no single move raises the matched-beam
    /// sum rate of the returned assignment by more than the tolerance, and that sum rate is at least
    /// the one without the ascent (Algorithm 3's flips alone).
    @Test func ascentEndsAtALocalOptimumAboveTheFlipsAlone() throws {
        for seed in UInt64(1)...6 {
            let problem = Self.drop(12, seed: 1500 + seed, sensing: 0.9)
            var meter = BudgetMeter.unlimited
            let flipsOnly = HeuristicPolicy().surrogateSearch(
                problem, meter: &meter, settings: SurrogateSearch(followsWhatIfGains: true, ascends: false)
            ).decision
            let decision = try HeuristicPolicy().decide(problem)
            let end = MatchedBeamSurrogate(problem: problem, assignment: decision.assignment)
            let before = MatchedBeamSurrogate(problem: problem, assignment: flipsOnly.assignment)
            #expect(end.sumRate >= before.sumRate, "seed \(seed)")
            for v in 0..<problem.vehicleCount {
                var moved = end
                moved.move(v, to: 1 - end.assignment[v])
                #expect(moved.sumRate - end.sumRate <= SurrogateSearch.ascentTolerance * end.sumRate + 1e-12, "seed \(seed) v \(v)")
            }
        }
    }

    /// Deterministic, and the option round-trips under its raw value `surrogate`.
    @Test func deterministicAndEncoded() throws {
        let problem = Self.drop(10, seed: 1301, sensing: 0.9)
        #expect(try HeuristicPolicy().decide(problem) == HeuristicPolicy().decide(problem))
        let encoder = JSONEncoder()
        let data = try encoder.encode(Self.options(.surrogate))
        #expect(String(decoding: data, as: UTF8.self).contains("\"flipEvaluation\":\"surrogate\""))
        #expect(try JSONDecoder().decode(DecisionOptions.self, from: data).resolvedFlipEvaluation == .surrogate)
    }
}
