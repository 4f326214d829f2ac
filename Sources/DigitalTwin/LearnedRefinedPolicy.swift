import ISACMath
import ISACOptimization

/// The learned policy with a short FP polish, `lstm-fp` (TW10): the assignment network's RSUs,
/// then at most ``fpIterations`` fractional-programming iterations (M8) on that assignment.
///
/// FP starts from the best (by sum rate on the problem) of: the beam network's beams projected
/// onto the power constraint (the `lstm` decision); the matched beams of the chosen links; and,
/// when the twin hands over the previous slot's decision on the same vehicles, its beams wherever
/// its RSU agrees (network beams elsewhere), so FP continues across slots instead of restarting.
/// FP never lowers the sum rate it starts from (Lemma 2, with FP's own guard against round-off),
/// and the policy returns whichever of the start and the polished decision is higher, so it is
/// never below `lstm` on the same problem. The iteration cap bounds its time.
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
        let network = try learned.decide(problem, warmStart: warmStart)
        let start = bestStart(problem, network: network, warmStart: warmStart)
        guard fpIterations > 0 else { return start }
        var options = problem.options
        options.fpMaxIterations = fpIterations
        let fp = FractionalProgramming(options: options)
            .solve(problem, assignment: start.assignment, initialBeams: start.beams)
        let polished = LearnedPolicy.feasibleDecision(
            problem, assignment: start.assignment, beams: fp.beams, fpIterations: fp.iterations, outcome: fp.outcome)
        return polished.sumRate >= start.sumRate ? polished : start
    }

    /// The highest-rate start on the network's assignment (see the type's documentation).
    func bestStart(_ problem: DecisionProblem, network: Decision, warmStart: Decision?) -> Decision {
        let a = network.assignment
        var best: [ComplexVector]? = nil
        var bestRate = network.sumRate
        // Candidates are compared by sum rate only (unit-norm beams need no projection); the
        // winner alone pays for the sensing check.
        func consider(_ beams: [ComplexVector]) {
            let rate = problem.referenceRates(assignment: a, beams: beams).reduce(0, +)
            if rate > bestRate { (best, bestRate) = (beams, rate) }
        }
        consider(a.indices.map { problem.matchedBeam(rsu: a[$0], vehicle: $0) })
        if let w = warmStart, w.assignment.count == a.count, w.beams.count == a.count {
            consider(a.indices.map { v in
                w.assignment[v] == a[v] && w.beams[v].count == problem.antennaCount ? w.beams[v] : network.beams[v]
            })
        }
        guard let best else { return network }
        // Under a per-RSU budget the projection may cost rate: never start below the network.
        let start = LearnedPolicy.feasibleDecision(problem, assignment: a, beams: best)
        return start.sumRate >= network.sumRate ? start : network
    }
}
