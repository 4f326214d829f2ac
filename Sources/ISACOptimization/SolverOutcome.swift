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

    /// The worse of two outcomes (order: converged < iterationLimit < stalled < infeasible), used
    /// to summarise the outcomes of several solves.
    public func worst(_ other: SolverOutcome) -> SolverOutcome {
        let order: [SolverOutcome] = [.converged, .iterationLimit, .stalled, .infeasible]
        return order.firstIndex(of: self)! >= order.firstIndex(of: other)! ? self : other
    }
}
