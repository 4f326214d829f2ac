import ISACMath

/// The paper's beam step (M9 (a)): projected gradient ascent on 2Re{cᴴf} − fᴴAf,
/// f ← Proj(f + (c − Af)/λ_max(A)), with the radial projection onto the unit ball, or the exact
/// projection onto ball ∩ half-space under the sensing constraint (``BallHalfSpaceProjection``).
///
/// The step 1/λ_max is 1/L for the (Wirtinger) gradient c − Af, so every step increases the
/// objective; in the interference-limited regime A is ill-conditioned and it needs 10³-10⁴ steps.
public struct ProjectedGradientBeamStep: BeamStepSolver {
    /// Stop when ‖f_new − f‖ ≤ tolerance.
    public var tolerance: Double
    public var maxSteps: Int

    public init(tolerance: Double = 1e-9, maxSteps: Int = 20_000) {
        self.tolerance = tolerance
        self.maxSteps = maxSteps
    }

    public func solve(
        quadratic: BeamQuadratic, linear c: ComplexVector, halfSpace: HalfSpace?, start: ComplexVector
    ) -> BeamStepResult {
        let lmax = quadratic.maxEigenvalue
        guard lmax > 0 else {
            // A = 0: the objective is linear; its maximiser over the ball is c/‖c‖.
            let guess = c.norm > 0 ? c.scaled(by: 1 / c.norm) : start
            return project(guess, halfSpace).map { BeamStepResult(beam: $0, outcome: .converged, iterations: 1) }
                ?? BeamStepResult(beam: guess, outcome: .infeasible, iterations: 1)
        }
        guard var f = project(start, halfSpace) else {
            let h = halfSpace!.normal
            return BeamStepResult(beam: h.scaled(by: 1 / max(h.norm, 1e-300)), outcome: .infeasible, iterations: 1)
        }
        let step = 1 / lmax
        let tol2 = tolerance * tolerance
        for k in 1...max(1, maxSteps) {
            var next = f
            next.add(c, scaledBy: step)
            next.add(quadratic.apply(f), scaledBy: -step)
            next = project(next, halfSpace)!
            let change = (next - f).normSquared
            f = next
            if change <= tol2 { return BeamStepResult(beam: f, outcome: .converged, iterations: k) }
        }
        return BeamStepResult(beam: f, outcome: .iterationLimit, iterations: maxSteps)
    }

    private func project(_ x: ComplexVector, _ halfSpace: HalfSpace?) -> ComplexVector? {
        guard let hs = halfSpace else { return x.projectedOntoBall() }
        return BallHalfSpaceProjection.project(x, onto: hs)
    }
}
