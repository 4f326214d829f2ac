import ISACMath
import ISACOptimization

/// The learned policy with an anytime FP polish, `lstm-fp` (TW10, TW12): the assignment network's
/// RSUs, then fractional-programming iterations (M8) on that assignment within a budget.
///
/// The start, per vehicle: where the twin hands over a start (the previous slot's decision carried
/// by vehicle id, steered with its vehicle, ``DecisionStart/carried(from:ids:to:problem:previousProblem:)``)
/// and the network keeps the vehicle's previous RSU, the carried beam and FP weights; elsewhere
/// the better (by sum rate, over the whole set) of the beam network's beams and the matched beams;
/// and the network's own decision (the `lstm` decision) if that is better still. From there the
/// re-aim step (O12) and FP iterations continue last slot's FP instead of restarting it, so FP work
/// accumulates across slots. FP never lowers the sum rate it starts from (Lemma 2), and the policy
/// returns whichever of start and polish is higher, so it is never below its own start, hence
/// never below `lstm`.
///
/// Flips (TW13): with a ``guide`` (the default), the FP after the start is the heuristic's flip
/// search over the vehicles the assignment network is least sure of (``FlipGuide``), one warm FP
/// iteration per flip, within the same budget; it too never returns less than its start.
///
/// The budget: the policy's own ``budget`` (a deterministic FP-iteration budget by default, a time
/// budget if given), tightened by the caller's (the twin's deadline, O12).
///
/// Carried flips (TW19, ``carriesFlips``): where the carried start has a vehicle at another RSU
/// than the network (last slot's search flipped it), the start takes it back there with its carried
/// beam when that raises the start's sum rate, so flips found in one slot need not be found again.
public struct LearnedRefinedPolicy: DecisionPolicy {
    public let name = "lstm-fp"
    public var readsObservations: Bool { true }
    public let learned: LearnedPolicy
    /// FP work per decision after the networks (TW12), re-aim step included.
    public let budget: DecisionBudget

    /// FP iterations per decision unless another budget is given (TW12).
    public static let defaultFPIterations = 3

    /// The FP-iteration budget (nil: unlimited, FP runs to convergence or `fpMaxIterations`).
    public var fpIterations: Int? { budget.fpIterations }

    /// Which vehicles may flip after the network (TW13; nil: none, FP on the network's assignment).
    public let guide: FlipGuide?

    /// Whether the beam network proposes beams for the start (TW12); without it (TW16) only the
    /// assignment network runs and the start has the carried beams where the network keeps a
    /// vehicle's RSU and matched beams elsewhere (no `lstm` decision is formed, so the result is
    /// never below this start, not necessarily never below `lstm`).
    public let usesBeamNetwork: Bool

    /// Whether the start takes back last slot's flips that still raise its sum rate (TW19,
    /// ``reappliedCarriedFlips(_:start:decision:carried:)``).
    public let carriesFlips: Bool

    public init(
        learned: LearnedPolicy, budget: DecisionBudget, guide: FlipGuide? = .standard, usesBeamNetwork: Bool = true,
        carriesFlips: Bool = false
    ) {
        precondition((try? budget.validate()) != nil, "a valid budget")
        self.learned = learned
        self.budget = budget
        self.guide = guide
        self.usesBeamNetwork = usesBeamNetwork
        self.carriesFlips = carriesFlips
    }

    public init(
        learned: LearnedPolicy, fpIterations: Int = Self.defaultFPIterations, guide: FlipGuide? = .standard,
        usesBeamNetwork: Bool = true, carriesFlips: Bool = false
    ) {
        precondition(fpIterations >= 0, "fpIterations must be ≥ 0")
        self.init(
            learned: learned, budget: DecisionBudget(fpIterations: fpIterations), guide: guide,
            usesBeamNetwork: usesBeamNetwork, carriesFlips: carriesFlips)
    }

    /// As the anytime decision, with `warmStart` (same vehicles, same order) as an uncarried start.
    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        let start = warmStart.flatMap { w -> DecisionStart? in
            guard w.assignment.count == problem.vehicleCount, w.beams.count == problem.vehicleCount else { return nil }
            return DecisionStart(
                assignment: w.assignment,
                beams: w.beams.map { $0.count == problem.antennaCount ? $0 : nil })
        }
        return try decide(problem, from: start, budget: .unlimited)
    }

    /// The network's assignment, the start described on the type, then anytime FP within this
    /// policy's budget tightened by `budget`.
    public func decide(_ problem: DecisionProblem, from start: DecisionStart?, budget: DecisionBudget) throws -> Decision {
        let combined = self.budget.tightened(by: budget)
        let entered = combined.cpuSeconds == nil ? 0 : ThreadCPUClock.now()
        var polishStart: DecisionStart, startDecision: Decision, probabilities: [[Float]]
        if usesBeamNetwork {
            let network: Decision
            (network, probabilities) = try learned.decideWithConfidence(problem)
            (polishStart, startDecision) = self.start(problem, assignment: network.assignment, network: network, carried: start)
        } else {
            let assignment: [Int]
            (assignment, probabilities) = try learned.assignmentWithConfidence(problem)
            (polishStart, startDecision) = self.start(problem, assignment: assignment, network: nil, carried: start)
        }
        if carriesFlips {
            (polishStart, startDecision, _) = reappliedCarriedFlips(
                problem, start: polishStart, decision: startDecision, carried: start)
        }
        // A time budget is the whole decision's (TW16): what the networks and the start took is spent.
        var limit = combined
        if let t = combined.cpuSeconds { limit.cpuSeconds = max(0, t - (ThreadCPUClock.now() - entered)) }
        guard limit.fpIterations != 0, limit.cpuSeconds != 0 else { return startDecision }
        if let guide {
            return guidedFlips(
                problem, guide: guide, from: polishStart, network: startDecision, probabilities: probabilities, budget: limit)
        }
        let fp = polishStart.polished(on: problem, options: problem.options, budget: limit)
        return fp.sumRate >= startDecision.sumRate ? fp : startDecision
    }

    /// The flip search from `from` over the guide's candidates (TW13), never below `network`.
    private func guidedFlips(
        _ problem: DecisionProblem, guide: FlipGuide, from: DecisionStart, network: Decision, probabilities: [[Float]],
        budget: DecisionBudget
    ) -> Decision {
        let candidates = guide.candidates(assignment: from.assignment, probabilities: probabilities)
        let searched = HeuristicPolicy().flipSearch(
            problem, from: from, budget: budget, candidates: candidates, innerIterations: guide.innerIterations)
        return searched.sumRate >= network.sumRate ? searched : network
    }

    /// The start on the network's assignment (see the type's documentation) and its decision.
    func start(_ problem: DecisionProblem, network: Decision, carried: DecisionStart?) -> (DecisionStart, Decision) {
        start(problem, assignment: network.assignment, network: network, carried: carried)
    }

    /// The start on `a`; `network` is the `lstm` decision (nil: no beam network, TW16: carried
    /// beams where kept, matched beams elsewhere, evaluated once).
    func start(_ problem: DecisionProblem, assignment a: [Int], network: Decision?, carried: DecisionStart?)
        -> (DecisionStart, Decision)
    {
        let k = problem.vehicleCount
        var kept = [ComplexVector?](repeating: nil, count: k)
        var weights: [DecisionStart.FPWeights?]? = nil
        if let c = carried, c.assignment.count == k, c.beams.count == k {
            if c.weights != nil { weights = Array(repeating: nil, count: k) }
            for v in 0..<k where c.assignment[v] == a[v] {
                guard let f = c.beams[v], f.count == problem.antennaCount else { continue }
                kept[v] = f
                weights?[v] = c.weights?[v]
            }
        }
        // Candidates are compared by sum rate only (unit-norm beams need no projection); the
        // winner alone pays for the projection and the sensing check.
        func rate(_ beams: [ComplexVector]) -> Double { problem.evaluatedRates(assignment: a, beams: beams).reduce(0, +) }
        let matched = (0..<k).map { kept[$0] ?? problem.matchedBeam(rsu: a[$0], vehicle: $0) }
        guard let network else {
            let decision = LearnedPolicy.feasibleDecision(problem, assignment: a, beams: matched)
            return (DecisionStart(assignment: a, beams: decision.beams.map { $0 }, weights: weights), decision)
        }
        var best = matched
        var bestRate = rate(matched)
        if kept.contains(where: { $0 != nil }) {
            let mixed = (0..<k).map { kept[$0] ?? network.beams[$0] }
            let r = rate(mixed)
            if r > bestRate { (best, bestRate) = (mixed, r) }
        }
        let decision = LearnedPolicy.feasibleDecision(problem, assignment: a, beams: best)
        // Under a per-RSU budget the projection may cost rate: never start below the network.
        guard decision.sumRate >= network.sumRate else {
            return (DecisionStart(assignment: a, beams: network.beams.map { $0 }), network)
        }
        return (DecisionStart(assignment: a, beams: decision.beams.map { $0 }, weights: weights), decision)
    }
}
