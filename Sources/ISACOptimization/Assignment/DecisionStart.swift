import ISACMath

/// Where an anytime policy starts (issue 10, O12): an RSU for every vehicle of the problem (problem
/// order) and optionally its beam (nil: the matched beam a(φ̂) of the problem's predicted geometry).
///
/// In the closed loop it is the previous slot's decision carried over by vehicle id
/// (``carried(from:ids:to:problem:)``); a policy given a start never returns a lower predicted sum
/// rate than the start's own on the problem.
public struct DecisionStart: Sendable, Equatable {
    /// Serving RSU of each vehicle, `[vehicle]`.
    public var assignment: [Int]
    /// Beam of each vehicle at its RSU, `[vehicle]` (nil: matched beam).
    public var beams: [ComplexVector?]

    public init(assignment: [Int], beams: [ComplexVector?]) {
        precondition(assignment.count == beams.count, "one beam slot per vehicle")
        self.assignment = assignment
        self.beams = beams
    }

    /// The nearest RSU of every vehicle with matched beams: distance-mf's decision (M14), the start
    /// of a decision without history.
    public static func nearest(_ problem: DecisionProblem) -> DecisionStart {
        DecisionStart(
            assignment: problem.nearestAssignment, beams: Array(repeating: nil, count: problem.vehicleCount))
    }

    /// The previous decision carried over by vehicle id: a vehicle still on the road keeps its RSU
    /// and beam, a newcomer gets its nearest RSU and the matched beam, a vehicle that left is dropped.
    /// - Parameters:
    ///   - previous: the decision made for the vehicles `previousIds` (same order).
    ///   - ids: the vehicles of `problem`, in problem order.
    public static func carried(
        from previous: Decision, ids previousIds: [Int], to ids: [Int], problem: DecisionProblem
    ) -> DecisionStart {
        precondition(ids.count == problem.vehicleCount, "one id per vehicle of the problem")
        precondition(previous.assignment.count == previousIds.count, "one id per vehicle of the previous decision")
        var index: [Int: Int] = [:]
        for (p, id) in previousIds.enumerated() { index[id] = p }
        let nearest = problem.nearestAssignment
        var assignment = nearest
        var beams = [ComplexVector?](repeating: nil, count: ids.count)
        for (v, id) in ids.enumerated() {
            guard let p = index[id], previous.assignment[p] >= 0, previous.assignment[p] < problem.rsuCount,
                previous.beams[p].count == problem.antennaCount
            else { continue }
            assignment[v] = previous.assignment[p]
            beams[v] = previous.beams[p]
        }
        return DecisionStart(assignment: assignment, beams: beams)
    }

    /// The start's decision on `problem`: its assignment and beams, rates evaluated (no solver).
    public func decision(on problem: DecisionProblem) -> Decision {
        var state = FPState(problem: problem, start: self)
        state.evaluate()
        return state.decision(flips: 0, fpIterations: 0, outcome: .converged)
    }

    /// The safe fallback when not even the start fits the slot (O12): the start's assignment with
    /// the matched beams a(φ̂) aimed at the **predicted** positions of `problem`, never beams aimed at
    /// the previous slot's positions. Reported as `budgetExhausted`.
    public func fallback(on problem: DecisionProblem) -> Decision {
        var state = FPState(problem: problem, assignment: assignment)
        state.evaluate()
        return state.decision(flips: 0, fpIterations: 0, outcome: .budgetExhausted)
    }
}

extension FPState {
    /// The state of a start: its assignment, its beams where given, matched beams elsewhere.
    init(problem: DecisionProblem, start: DecisionStart) {
        self.init(problem: problem, assignment: start.assignment)
        for v in 0..<k where assignment[v] >= 0 {
            if let f = start.beams[v], f.count == n { setBeam(v, f) }
        }
    }
}
