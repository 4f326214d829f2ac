import ISACMath
import ISACOptimization

/// The learned policy with a short FP polish, `lstm-fp` (TW10): the assignment network's RSUs,
/// then at most ``fpIterations`` fractional-programming iterations (M8) on that assignment started
/// from the beam network's beams (projected onto the power constraint, i.e. the `lstm` decision).
///
/// FP never lowers the sum rate it starts from (Lemma 2, with FP's own guard against round-off),
/// and the policy returns whichever of the start and the polished decision has the higher sum
/// rate on the problem's geometry, so it is never below `lstm` on the same problem. The iteration
/// cap bounds its time: one FP iteration costs about what distance-fp's first iteration costs.
public struct LearnedRefinedPolicy: DecisionPolicy {
    public let name = "lstm-fp"
    public var readsObservations: Bool { true }
    public let learned: LearnedPolicy
    /// FP iterations after the network (TW10).
    public let fpIterations: Int

    /// The iteration cap used unless another is given (TW10).
    public static let defaultFPIterations = 3

    public init(learned: LearnedPolicy, fpIterations: Int = Self.defaultFPIterations) {
        precondition(fpIterations >= 0, "fpIterations must be ≥ 0")
        self.learned = learned
        self.fpIterations = fpIterations
    }

    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        let start = try learned.decide(problem, warmStart: warmStart)
        guard fpIterations > 0 else { return start }
        var options = problem.options
        options.fpMaxIterations = fpIterations
        let fp = FractionalProgramming(options: options)
            .solve(problem, assignment: start.assignment, initialBeams: start.beams)
        let polished = LearnedPolicy.feasibleDecision(
            problem, assignment: start.assignment, beams: fp.beams, fpIterations: fp.iterations, outcome: fp.outcome)
        return polished.sumRate >= start.sumRate ? polished : start
    }
}
