import ISACMath

/// The exact beam step (M9 (b)): f = (A + μI)⁻¹(c + νh/2) with multipliers μ ≥ 0 (unit ball) and
/// ν ≥ 0 (SCA half-space) from the KKT conditions.
///
/// In A's eigenbasis (``BeamQuadratic``) the ball multiplier solves the secular equation
/// ‖f(μ)‖² = Σ_i |β_i|²/(λ_i + μ)² + ‖b_⊥‖²/μ² = 1 (μ = 0 when the unconstrained maximiser lies in
/// the ball), by Newton's method on 1/‖f(μ)‖ − 1 (Moré & Sorensen 1983) safeguarded by bisection,
/// O(r) per iteration. With the half-space, the dual ψ(ν) = max_{‖f‖≤1} 2Re{(c + νh/2)ᴴf} − fᴴAf − νt
/// is convex with ψ'(ν) = Re{hᴴf(ν)} − t nondecreasing, so ν is found by bracketing and
/// bisection, each step one scalar secular solve; the beam returned is f(ν_hi), which is always
/// feasible. Complexity per beam: O(N·r) to project c and h, then O(r) per secular iteration.
public struct ExactBeamStep: BeamStepSolver {
    /// Relative tolerance of the secular equation and of the half-space bisection.
    public var tolerance: Double

    public init(tolerance: Double = 1e-13) { self.tolerance = tolerance }

    public func solve(
        quadratic: BeamQuadratic, linear c: ComplexVector, halfSpace: HalfSpace?, start: ComplexVector
    ) -> BeamStepResult {
        let (betaC, perpC) = quadratic.split(c)
        let rhoC = perpC.normSquared
        let lambda = quadratic.eigenvalues
        let r = quadratic.rank
        var weights = [Double](repeating: 0, count: r)
        for i in 0..<r { weights[i] = betaC[2 * i] * betaC[2 * i] + betaC[2 * i + 1] * betaC[2 * i + 1] }
        let cNorm = c.norm
        let mu0 = Self.secularShift(weights: weights, eigenvalues: lambda, residual: rhoC, norm: cNorm, tolerance: tolerance)
        guard let hs = halfSpace else {
            return BeamStepResult(
                beam: quadratic.assemble(beta: betaC, perpendicular: perpC, shift: mu0), outcome: .converged,
                iterations: 1)
        }
        let f0 = quadratic.assemble(beta: betaC, perpendicular: perpC, shift: mu0)
        if hs.contains(f0) { return BeamStepResult(beam: f0, outcome: .converged, iterations: 1) }
        let h = hs.normal
        let hNorm = h.norm
        guard hNorm > 0, hs.offset < hNorm * (1 - 1e-12) else {
            // Empty: the closest one can get is the beam maximising Re{hᴴf}.
            let beam = hNorm > 0 ? h.scaled(by: 1 / hNorm) : f0
            return BeamStepResult(beam: beam, outcome: .infeasible, iterations: 1)
        }
        let (betaH, perpH) = quadratic.split(h)
        let rhoH = perpH.normSquared
        let rhoCH = perpC.innerProduct(perpH).re
        var betaNu = [Double](repeating: 0, count: 2 * r)
        // g(ν) = Re{hᴴf(ν)}, with f(ν) = (A + μ(ν)I)⁻¹(c + νh/2).
        func evaluate(_ nu: Double) -> (g: Double, mu: Double) {
            for i in 0..<r {
                let br = betaC[2 * i] + 0.5 * nu * betaH[2 * i]
                let bi = betaC[2 * i + 1] + 0.5 * nu * betaH[2 * i + 1]
                betaNu[2 * i] = br
                betaNu[2 * i + 1] = bi
                weights[i] = br * br + bi * bi
            }
            let rho = max(0, rhoC + nu * rhoCH + 0.25 * nu * nu * rhoH)
            let bNorm = (weights.reduce(0, +) + rho).squareRoot()
            let mu = Self.secularShift(weights: weights, eigenvalues: lambda, residual: rho, norm: bNorm, tolerance: tolerance)
            var g = 0.0
            for i in 0..<r {
                g += (betaH[2 * i] * betaNu[2 * i] + betaH[2 * i + 1] * betaNu[2 * i + 1]) / (lambda[i] + mu)
            }
            if mu > 0 { g += (rhoCH + 0.5 * nu * rhoH) / mu }
            return (g, mu)
        }
        let t = hs.offset
        var lo = 0.0
        var hi = max(2 * cNorm / hNorm, 1e-300)
        var iterations = 1
        var top = evaluate(hi)
        while top.g < t && iterations < 200 {
            lo = hi
            hi *= 4
            top = evaluate(hi)
            iterations += 1
        }
        var outcome = SolverOutcome.iterationLimit
        for _ in 0..<200 {
            iterations += 1
            if top.g - t <= tolerance * max(abs(t), 1e-300) || hi - lo <= tolerance * hi {
                outcome = .converged
                break
            }
            let mid = 0.5 * (lo + hi)
            let e = evaluate(mid)
            if e.g >= t {
                hi = mid
                top = e
            } else {
                lo = mid
            }
        }
        _ = evaluate(hi)
        var beam = quadratic.assemble(beta: betaNu, perpendicular: perpC + perpH.scaled(by: 0.5 * hi), shift: top.mu)
        // Round-off guard: the secular solve meets ‖f‖ = 1 to ~1e-13.
        beam = beam.projectedOntoBall()
        return BeamStepResult(beam: beam, outcome: outcome, iterations: iterations)
    }

    /// μ ≥ 0 with Σ_i w_i/(λ_i + μ)² + ρ/μ² = 1, or 0 when ρ = 0 and Σ w_i/λ_i² ≤ 1.
    /// `norm` is ‖b‖ = √(Σw + ρ): μ = ‖b‖ always gives a norm ≤ 1, bracketing the root.
    static func secularShift(
        weights w: [Double], eigenvalues lambda: [Double], residual rho: Double, norm: Double, tolerance: Double
    ) -> Double {
        let r = w.count
        let total = w.reduce(0, +) + rho
        if rho <= 1e-28 * total {
            var n0 = 0.0
            for i in 0..<r { n0 += w[i] / (lambda[i] * lambda[i]) }
            if n0 <= 1 { return 0 }
        }
        var lo = 0.0
        var hi = max(norm, 1e-300)
        var mu = hi
        for _ in 0..<200 {
            var n2 = mu > 0 ? rho / (mu * mu) : 0
            var d = mu > 0 ? -2 * rho / (mu * mu * mu) : 0
            for i in 0..<r {
                let s = 1 / (lambda[i] + mu)
                let q = w[i] * s * s
                n2 += q
                d -= 2 * q * s
            }
            if abs(n2 - 1) <= tolerance { break }
            if n2 > 1 { lo = mu } else { hi = mu }
            if hi - lo <= tolerance * hi { break }
            // Newton on φ(μ) = 1/‖f‖ − 1, nearly linear in μ.
            let root = n2.squareRoot()
            let phi = 1 / root - 1
            let dphi = -0.5 * d / (n2 * root)
            var next = mu - phi / dphi
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            mu = next
        }
        return mu
    }
}
