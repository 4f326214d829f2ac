extension ExactBeamStep {
    /// Both constraints active (μ, ν > 0): Newton's method on the two KKT equations together, from a
    /// warm (μ, ν) (the last SCA step's or FP iteration's), instead of the nested secular/dual solve.
    ///
    /// With β(ν) = β_c + νη/2, d_i = λ_i + μ, ρ(ν) = ρ_c + νρ_ch + ν²ρ_h/4 and ρ' = ρ_ch + νρ_h/2:
    /// F₁ = Σ|β_i|²/d_i² + ρ/μ² − 1 (‖f‖² = 1) and F₂ = ΣRe{η̄_iβ_i}/d_i + ρ'/μ − t (Re{hᴴf} = t), with
    /// ∂F₁/∂μ = −2Σ|β_i|²/d_i³ − 2ρ/μ³, ∂F₁/∂ν = ΣRe{η̄_iβ_i}/d_i² + ρ'/μ² = −∂F₂/∂μ and
    /// ∂F₂/∂ν = Σ|η_i|²/(2d_i) + ρ_h/(2μ). F₂ is aimed at the middle of the nested solve's acceptance
    /// window [0, rootTolerance·|t|] (the feasible side), and the iterate is accepted only inside it
    /// with |F₁| ≤ tolerance, i.e. on the nested solve's own stopping test; the problem is convex, so
    /// the KKT point is the same optimum. Returns nil (the caller runs the nested solve) when an
    /// iterate leaves μ, ν > 0, the Jacobian is singular, or 8 steps do not suffice. The caller forms
    /// β(ν) = β_c + νη/2 of the returned ν with the same arithmetic.
    static func jointNewton(
        betaC: [Double], eta: [Double], eigenvalues lambda: [Double], rhoC: Double, rhoCH: Double, rhoH: Double,
        offset t: Double, mu initialMu: Double, nu initialNu: Double, tolerance: Double, rootTolerance: Double
    ) -> (mu: Double, nu: Double)? {
        let r = lambda.count
        let window = rootTolerance * max(abs(t), 1e-300)
        var mu = initialMu, nu = initialNu
        for _ in 0..<8 {
            var f1 = -1.0, f2 = -t, a = 0.0, b = 0.0, c = 0.0
            for i in 0..<r {
                let br = betaC[2 * i] + 0.5 * nu * eta[2 * i], bi = betaC[2 * i + 1] + 0.5 * nu * eta[2 * i + 1]
                let s = 1 / (lambda[i] + mu)
                let w = br * br + bi * bi
                let cross = eta[2 * i] * br + eta[2 * i + 1] * bi
                let ws2 = w * s * s
                f1 += ws2
                a -= 2 * ws2 * s
                f2 += cross * s
                b += cross * s * s
                c += 0.5 * (eta[2 * i] * eta[2 * i] + eta[2 * i + 1] * eta[2 * i + 1]) * s
            }
            let rho = max(0, rhoC + nu * rhoCH + 0.25 * nu * nu * rhoH)
            let rhoPrime = rhoCH + 0.5 * nu * rhoH
            let inverseMu = 1 / mu
            f1 += rho * inverseMu * inverseMu
            a -= 2 * rho * inverseMu * inverseMu * inverseMu
            f2 += rhoPrime * inverseMu
            b += rhoPrime * inverseMu * inverseMu
            c += 0.5 * rhoH * inverseMu
            if abs(f1) <= tolerance && f2 >= 0 && f2 <= window { return (mu, nu) }
            let target = f2 - 0.5 * window
            // [a b; −b c]·(Δμ, Δν) = −(F₁, F₂ − target).
            let det = a * c + b * b
            guard det != 0, det.isFinite else { return nil }
            mu += (b * target - c * f1) / det
            nu += (-a * target - b * f1) / det
            guard mu > 0, nu > 0, mu.isFinite, nu.isFinite else { return nil }
        }
        return nil
    }
}
