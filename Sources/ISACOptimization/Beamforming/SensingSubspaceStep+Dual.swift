import ISACMath
import ISACPhysics

/// Decision O21: a sensing beam's FP block problem solved to its global optimum through the
/// Lagrangian dual, instead of by up to six SCA linearisations (O9).
///
/// The block problem (M9, M10) is max 2Re{cᴴf} − fᴴAf s.t. ‖f‖² ≤ 1, fᴴPf ≥ Λ with P = ΠᴴΠ = QMQᴴ,
/// Q = [a, a'], M = [[‖b'‖², b'ᴴb], [bᴴb', ‖b‖²]] = LLᴴ (Cholesky, rank ≤ 2), V = QL. It is a complex
/// QCQP with two quadratic constraints and a Slater point (Λ ≤ 0.99·λ_max(P)), so strong duality
/// holds (Beck & Eldar 2006, complex case; Huang & Zhang 2007): its optimum is
/// min_{μ,ν ≥ 0, H ≻ 0} g(μ, ν) = cᴴH⁻¹c + μ − νΛ with H = A + μI − νP, attained at f = H⁻¹c. (O21.1)
/// With D = A + μI and the capacitance K = I − νVᴴD⁻¹V (H ≻ 0 ⇔ K ≻ 0), Woodbury gives
/// f = D⁻¹(c + Vw), w = νK⁻¹VᴴD⁻¹c, (O21.2)
/// ∇g = (1 − ‖f‖², fᴴPf − Λ) and ∇²g = 2[[fᴴH⁻¹f, −Re fᴴH⁻¹Pf], [·, (Pf)ᴴH⁻¹Pf]] (O21.3),
/// all from the power sums Σ_i x̄_i y_i/(λ_i + μ)^k (k = 1, 2, 3) of β = Uᴴc, p_a, p_a' plus the
/// null-space Gram Q_⊥/μ^k: O(r) per (μ, ν), and ν enters only the 2×2 algebra. Decision O22: for
/// fixed μ the minimising ν(μ) solves a two-term secular equation in O(1) (``SensingMultiplier``),
/// and Newton's method on μ alone minimises the convex partial minimum min_ν g(μ, ν), one O(r)
/// evaluation per step; its end point is certified optimal (μ, ν ≥ 0, H ≻ 0, f feasible,
/// complementary slackness). At an SCA fixed point (A + μI)f = c + (ν_SCA/2)Pf, the same
/// stationarity with ν = ν_SCA/2, so SCA reaches the global optimum exactly when that H is PSD.
extension SensingSubspaceStep {
    /// Acceptance of the dual end point: |‖f‖² − 1| ≤ `normTolerance` (μ > 0) and
    /// 0 ≤ fᴴPf − Λ ≤ `sensingTolerance`·Λ (ν > 0), as the SCA step's KKT tests (O3, O10).
    static let normTolerance = 1e-12
    static let sensingTolerance = 1e-9
    static let maxNewtonSteps = 60

    /// The global optimum of the block problem as f = U·ζ + a·π₁ + a'·π₂ (ζ in `scratch.z`,
    /// the same form as ``solve(_:quadratic:factorColumn:scale:eta:etaPrime:initialMultiplier:initialShift:maxSteps:scratch:)``
    /// returns), or nil when the dual Newton method fails (hard case, round-off): the caller then
    /// runs the SCA step. The returned `multiplier` is ν in the SCA convention (2ν of the dual, see
    /// above), so both steps share `FPState.multipliers`; `initialMultiplier` is not needed (ν(μ)
    /// follows from μ, O22) and kept for the caller's uniform call.
    func solveDual(
        quadratic q: BeamQuadratic, factorColumn j: Int, scale alpha: (re: Double, im: Double),
        initialMultiplier: Double, initialShift: Double, scratch: inout Scratch
    ) -> Beam? {
        let r = rank
        q.coordinates(factorColumn: j, scale: alpha, into: &scratch.betaC)
        if scratch.z.count != 2 * r { scratch.z = [Double](repeating: 0, count: 2 * r) }
        guard let l = LowerTriangular2x2(cholesky: Hermitian2x2(a: bPrime2, b: b2, c: SmallComplex(x))) else { return nil }
        var dual = SensingDual(step: self, quadratic: q, betaC: scratch.betaC, factor: l, terms: &scratch.dualTerms)
        defer { swap(&dual.storage, &scratch.dualTerms) }
        // ν is a function of μ (O22), so only μ is carried over: the last FP iteration's, else the
        // ball-only optimum's (the secular root at ν = 0, the answer when it meets Λ).
        let start = initialShift > 0 && initialShift.isFinite
            ? initialShift
            : ExactBeamStep.secularShift(
                coordinates: scratch.betaC, eigenvalues: q.eigenvalues, residual: 0, norm: dual.cNorm,
                tolerance: Self.normTolerance)
        guard let end = dual.minimise(from: start, limit: SensingDual.evaluationLimit) else { return nil }
        return beam(dual, end, scratch: &scratch)
    }

    /// λ_max(P) from the Gram entries this step already holds (``SensingOperator/maxEigenvalue``).
    var sensingMaxEigenvalue: Double {
        SensingOperator.maxEigenvalue(c11: bPrime2, c22: b2, c12: x, g11: g11, g22: g22, g12: g12)
    }

    /// ζ, π₁, π₂ of f = D⁻¹(c + aπ̃₁ + a'π̃₂) with π̃ = Lw (O21.2): Uᴴf = (β + p_aπ̃₁ + p_a'π̃₂)/(λ + μ)
    /// and the null-space part (a_⊥π̃₁ + a'_⊥π̃₂)/μ, written as U(ζ − p_aπ₁ − p_a'π₂) + aπ₁ + a'π₂, π = π̃/μ.
    private func beam(
        _ dual: SensingDual, _ end: (mu: Double, nu: Double, point: SensingDual.Point), scratch: inout Scratch
    ) -> Beam {
        let pi = dual.factor.times(end.point.w)
        let inverseMu = dual.hasNullSpace && end.mu > 0 ? 1 / end.mu : 0
        scratch.z.withUnsafeMutableBufferPointer { z in
            dual.beamCoordinates(mu: end.mu, point: end.point, into: z.baseAddress!)
        }
        return Beam(
            zeta: [], pi1: (pi.x.re * inverseMu, pi.x.im * inverseMu), pi2: (pi.y.re * inverseMu, pi.y.im * inverseMu),
            multiplier: 2 * end.nu, shift: end.mu, outcome: .converged)
    }
}
