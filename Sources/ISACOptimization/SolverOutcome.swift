/// How an iterative solver stopped (a value, never a throw; SciML's return codes).
public enum SolverOutcome: String, Codable, Sendable, Equatable, CaseIterable {
    /// The stopping tolerance was met.
    case converged
    /// The iteration limit was reached before the tolerance.
    case iterationLimit
    /// The objective stopped improving (or decreased by more than round-off) before the tolerance.
    case stalled
    /// A constraint could not be met (the sensing half-space lies outside the unit ball); the
    /// returned beam is the closest one can get.
    case infeasible
    /// The decision's budget (``DecisionBudget``) ran out; the best iterate found so far is returned
    /// (O12).
    case budgetExhausted
    /// LAPACK reported a failure (the Hermitian eigensolver of the beam step); the affected beams were
    /// kept as they were, never replaced by a step on a zero matrix (O13).
    case linearAlgebraFailure

    /// The worse of two outcomes (order: converged < iterationLimit < budgetExhausted < stalled <
    /// infeasible < linearAlgebraFailure), used to summarise the outcomes of several solves.
    public func worst(_ other: SolverOutcome) -> SolverOutcome { severity >= other.severity ? self : other }

    /// Rank in the order of ``worst(_:)`` (a switch: this runs once per beam step).
    private var severity: Int {
        switch self {
        case .converged: return 0
        case .iterationLimit: return 1
        case .budgetExhausted: return 2
        case .stalled: return 3
        case .infeasible: return 4
        case .linearAlgebraFailure: return 5
        }
    }
}
