import ISACMath

/// The result of one beam step: the new beam, how the solver stopped, and its iteration count.
public struct BeamStepResult: Sendable {
    public var beam: ComplexVector
    public var outcome: SolverOutcome
    public var iterations: Int
}

/// The FP beam step of M9: with γ and y fixed, maximise 2Re{cᴴf} − fᴴAf subject to ‖f‖ ≤ 1 and,
/// when the sensing constraint is on, the SCA half-space Re{hᴴf} ≥ t (M10).
///
/// Implementations: ``ExactBeamStep`` (default) and ``ProjectedGradientBeamStep`` (the paper's).
public protocol BeamStepSolver: Sendable {
    /// - Parameters:
    ///   - quadratic: A of the serving RSU (shared by its beams).
    ///   - linear: c = y√(1+γ)·g.
    ///   - halfSpace: the SCA half-space, or nil.
    ///   - start: the current beam (PGA's warm start; feasible for the half-space under SCA).
    func solve(
        quadratic: BeamQuadratic, linear c: ComplexVector, halfSpace: HalfSpace?, start: ComplexVector
    ) -> BeamStepResult

    /// The same with c = α·w_j, column j of A's own factor W (the FP case: c_k = y_k√(1+γ_k)g_k and
    /// w_k = |y_k|g_k, so α = y_k√(1+γ_k)/|y_k|). Solvers may exploit c ∈ range(A).
    func solve(
        quadratic: BeamQuadratic, factorColumn j: Int, scale alpha: (re: Double, im: Double), halfSpace: HalfSpace?,
        start: ComplexVector
    ) -> BeamStepResult
}

extension BeamStepSolver {
    public func solve(
        quadratic: BeamQuadratic, factorColumn j: Int, scale alpha: (re: Double, im: Double), halfSpace: HalfSpace?,
        start: ComplexVector
    ) -> BeamStepResult {
        let n = quadratic.dimension
        let column = ComplexVector(interleaved: Array(quadratic.factor[2 * n * j ..< 2 * n * (j + 1)]))
        return solve(quadratic: quadratic, linear: column.scaled(by: alpha), halfSpace: halfSpace, start: start)
    }
}

extension BeamStepSolver {
    /// The beam-step objective 2Re{cᴴf} − fᴴAf.
    public static func objective(quadratic: BeamQuadratic, linear c: ComplexVector, beam f: ComplexVector) -> Double {
        2 * c.innerProduct(f).re - f.innerProduct(quadratic.apply(f)).re
    }
}
