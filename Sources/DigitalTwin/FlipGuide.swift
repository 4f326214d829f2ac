/// Which vehicles `lstm-fp` lets flip, read off the assignment network's probabilities (TW13).
///
/// The network's probability p_v(s_v) of the RSU s_v a vehicle has in the start says how sure the
/// network is that the start is right there: a vehicle is a candidate when p_v(s_v) ≤ `threshold`
/// (in `lstm-fp` the start is the network's own assignment, so p_v(s_v) is its top probability),
/// the `limit` least sure first. Only candidates are ranked by the heuristic's flip gain e_k and
/// evaluated with a warm FP iteration each (``HeuristicPolicy/flipSearch(_:from:budget:candidates:innerIterations:)``),
/// so the network spends the FP budget on the few flips worth trying.
public struct FlipGuide: Sendable, Equatable {
    /// Candidates have p_v(s_v) at most this (0...1; 1 admits every vehicle).
    public var threshold: Float
    /// At most this many candidates (the least sure), ≥ 0.
    public var limit: Int
    /// FP iterations after each flip (1: one warm iteration ranks the flip, O18).
    public var innerIterations: Int

    public init(threshold: Float, limit: Int, innerIterations: Int = 1) {
        precondition(threshold >= 0 && limit >= 0 && innerIterations >= 1, "a valid flip guide")
        self.threshold = threshold
        self.limit = limit
        self.innerIterations = innerIterations
    }

    /// The default of `lstm-fp` (TW13).
    public static let standard = FlipGuide(threshold: 0.99, limit: 16)

    /// Candidate vehicles for `assignment` (problem order), least sure first.
    /// - Parameter probabilities: the network's `[vehicle][RSU]` probabilities.
    public func candidates(assignment: [Int], probabilities: [[Float]]) -> [Int] {
        let sure = assignment.indices.map { probabilities[$0][assignment[$0]] }
        return assignment.indices.filter { sure[$0] <= threshold }
            .sorted { sure[$0] != sure[$1] ? sure[$0] < sure[$1] : $0 < $1 }
            .prefix(limit).map { $0 }
    }
}
