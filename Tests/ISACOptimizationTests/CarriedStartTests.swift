import ISACMath
import ISACPhysics
import Testing

@testable import ISACOptimization

/// The carried start's arithmetic shortcuts (O14): the steering phasor recurrence against the
/// direct formula, and FP weights kept with a decision against re-evaluating it.
@Suite struct CarriedStartTests {
    /// The recurrence p_{n+1} = p_n·e^{−jπΔ} (re-anchored every 32 elements) against
    /// f_n·e^{−jπnΔ} with one sin/cos per element, for array sizes across and beyond the anchor
    /// interval and shifts from tiny to large; both preserve ‖f‖.
    @Test(arguments: [1, 8, 32, 33, 128, 256])
    func steeringRecurrenceMatchesDirectFormula(antennas n: Int) {
        var rng = Xoshiro256StarStar(seed: 5, stream: UInt64(n))
        for delta in [0.0, 1e-6, -0.0213, 0.31, -0.77, 1.9] {
            let f = TestProblems.randomBallPoint(n, using: &rng)
            let fast = DecisionStart.steered(f, by: delta)
            let direct = DecisionStart.steeredDirect(f, by: delta)
            for e in 0..<n { #expect((fast[e] - direct[e]).length <= 1e-13) }
            #expect(abs(fast.normSquared - f.normSquared) <= 1e-13)
        }
    }

    /// A decision made through FP records (γ, |y|) of its own evaluation; the carried start from it
    /// equals, bit for bit, the start carried from the same decision without them (which evaluates
    /// the previous problem again).
    @Test(arguments: ["distance-fp", "greedy", "heuristic"])
    func recordedWeightsEqualReevaluation(name: String) throws {
        let policy = try DecisionPolicyRegistry.standard.policy(named: name)
        let before = TestProblems.drop(vehicles: 7, seed: 91, antennas: 8, sensingFraction: 0.9)
        let after = TestProblems.drop(vehicles: 7, seed: 91, antennas: 8, sensingFraction: 0.9)
        let decision = try policy.decide(before)
        let recorded = try #require(decision.fpWeights)
        #expect(recorded.count == 7 && recorded.contains { $0 != nil })
        var bare = decision
        bare.fpWeights = nil
        let ids = Array(100..<107)
        let withWeights = DecisionStart.carried(
            from: decision, ids: ids, to: ids, problem: after, previousProblem: before)
        let reevaluated = DecisionStart.carried(from: bare, ids: ids, to: ids, problem: after, previousProblem: before)
        #expect(withWeights == reevaluated)
        #expect(withWeights.weights?.compactMap { $0 }.count == recorded.compactMap { $0 }.count)
    }
}
