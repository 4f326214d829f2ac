/// The dual function g(μ, ν) = cᴴH⁻¹c + μ − νΛ of one sensing beam's FP block problem (O21.1) and
/// its projected Newton minimisation over μ, ν ≥ 0, H = A + μI − νP ≻ 0.
///
/// Everything depending on μ is a power sum over A's r kept eigenvalues (plus the null-space Gram
/// Q_⊥/μ^k); ν enters only through the 2×2 capacitance K = I − νT, T = LᴴQᴴD⁻¹QL, D = A + μI
/// (H ≻ 0 ⇔ K ≻ 0 for D ≻ 0). One evaluation with its gradient and Hessian costs O(r).
struct SensingDual {
    let eigenvalues: [Double]
    let factor: LowerTriangular2x2
    /// Λ_eff.
    let requirement: Double
    /// The outer Newton solve aims fᴴPf at Λ(1 + 0.05·sensingTolerance), just inside the
    /// acceptance window [Λ, Λ(1 + sensingTolerance)]: the objective then trails the optimum of
    /// the exact constraint by ν·(fᴴPf − Λ) ≈ 5e-11·νΛ.
    let target: Double
    /// The null-space Gram Q_⊥ = [a_⊥ a'_⊥]ᴴ[a_⊥ a'_⊥] (zero when A has full rank N).
    let perpendicular: Hermitian2x2
    let hasNullSpace: Bool
    let rank: Int
    /// Per eigenvalue i: |β_i|², p̄_a,iβ_i, p̄_a',iβ_i, |p_a,i|², |p_a',i|², p̄_a,i p_a',i, then
    /// β_i, p_a,i, p_a',i themselves (15 reals; storage borrowed from the caller's scratch and
    /// handed back).
    var terms: [Double] = []
    /// λ_max(P), to bracket μ: for μ ≥ νλ_max(P) + ‖c‖, H ⪰ ‖c‖I and ‖f‖ ≤ 1.
    let pMax: Double
    /// ‖c‖.
    let cNorm: Double
    /// Outer (ν) iterations of the last ``minimise(warm:)``.
    var newtonSteps = 0

    /// One evaluation at (μ, ν) in the domain.
    struct Point {
        /// g(μ, ν), with the Newton target in place of Λ.
        var value = 0.0
        /// ‖f‖² and fᴴPf.
        var norm2 = 0.0
        var sensitivity = 0.0
        /// w of f = D⁻¹(c + QLw) (O21.2).
        var w = SmallVector2.zero
        /// ∇²g (O21.3).
        var hMuMu = 0.0, hMuNu = 0.0, hNuNu = 0.0
    }

    init(
        step: SensingSubspaceStep, quadratic q: BeamQuadratic, betaC: [Double], factor l: LowerTriangular2x2,
        terms storage: inout [Double]
    ) {
        let r = step.rank
        rank = r
        eigenvalues = q.eigenvalues
        factor = l
        requirement = step.requirement
        target = step.requirement * (1 + 0.05 * SensingSubspaceStep.sensingTolerance)
        hasNullSpace = r < q.dimension
        perpendicular = hasNullSpace ? Hermitian2x2(a: step.q11, b: step.q22, c: SmallComplex(step.q12)) : .zero
        pMax = step.sensingMaxEigenvalue
        var c2 = 0.0
        for e in 0 ..< 2 * r { c2 += betaC[e] * betaC[e] }
        cNorm = c2.squareRoot()
        swap(&terms, &storage)
        if terms.count < 15 * r { terms = [Double](repeating: 0, count: 15 * r) }
        let o = step.coordinates.startIndex
        let p = step.coordinates
        for i in 0..<r {
            let ar = p[o + 2 * i], ai = p[o + 2 * i + 1], br = p[o + 2 * (r + i)], bi = p[o + 2 * (r + i) + 1]
            let cr = betaC[2 * i], ci = betaC[2 * i + 1]
            terms[15 * i] = cr * cr + ci * ci
            terms[15 * i + 1] = ar * cr + ai * ci
            terms[15 * i + 2] = ar * ci - ai * cr
            terms[15 * i + 3] = br * cr + bi * ci
            terms[15 * i + 4] = br * ci - bi * cr
            terms[15 * i + 5] = ar * ar + ai * ai
            terms[15 * i + 6] = br * br + bi * bi
            terms[15 * i + 7] = ar * br + ai * bi
            terms[15 * i + 8] = ar * bi - ai * br
            terms[15 * i + 9] = cr
            terms[15 * i + 10] = ci
            terms[15 * i + 11] = ar
            terms[15 * i + 12] = ai
            terms[15 * i + 13] = br
            terms[15 * i + 14] = bi
        }
    }

    /// g, ‖f‖², fᴴPf and (unless `sensingOnly`) ∇²g at (μ, ν); nil outside the domain.
    func evaluate(mu: Double, nu: Double, sensingOnly: Bool = false) -> Point? {
        guard mu >= 0, nu >= 0, mu.isFinite, nu.isFinite else { return nil }
        // D is singular on A's null space at μ = 0: only the ν = 0 sensitivity is defined there.
        let nullSpaceSingular = hasNullSpace && mu == 0
        if nullSpaceSingular && !(nu == 0 && sensingOnly) { return nil }
        // Power sums Σ x̄y/(λ + μ)^k, k = 1, 2, 3: c_k = cᴴD⁻ᵏc, u_k = QᴴD⁻ᵏc, S_k = QᴴD⁻ᵏQ.
        var c = (0.0, 0.0, 0.0)
        var u1a = SmallComplex.zero, u1b = SmallComplex.zero, u2a = SmallComplex.zero, u2b = SmallComplex.zero
        var u3a = SmallComplex.zero, u3b = SmallComplex.zero
        var s1 = Hermitian2x2.zero, s2 = Hermitian2x2.zero, s3 = Hermitian2x2.zero
        terms.withUnsafeBufferPointer { t in
            eigenvalues.withUnsafeBufferPointer { lambda in
                for i in 0..<rank {
                    let d1 = 1 / (lambda[i] + mu), d2 = d1 * d1, d3 = d2 * d1
                    let b = 15 * i
                    c.0 += t[b] * d1
                    c.1 += t[b] * d2
                    c.2 += t[b] * d3
                    let ua = SmallComplex(t[b + 1], t[b + 2]), ub = SmallComplex(t[b + 3], t[b + 4])
                    u1a = u1a + d1 * ua
                    u1b = u1b + d1 * ub
                    u2a = u2a + d2 * ua
                    u2b = u2b + d2 * ub
                    u3a = u3a + d3 * ua
                    u3b = u3b + d3 * ub
                    let ab = SmallComplex(t[b + 7], t[b + 8])
                    s1.a += t[b + 5] * d1
                    s1.b += t[b + 6] * d1
                    s1.c = s1.c + d1 * ab
                    s2.a += t[b + 5] * d2
                    s2.b += t[b + 6] * d2
                    s2.c = s2.c + d2 * ab
                    s3.a += t[b + 5] * d3
                    s3.b += t[b + 6] * d3
                    s3.c = s3.c + d3 * ab
                }
            }
        }
        let l = factor
        let v1 = l.adjointTimes(SmallVector2(x: u1a, y: u1b))
        var point = Point()
        if nu == 0 && sensingOnly {
            point.value = c.0 + mu
            point.norm2 = c.1
            point.sensitivity = v1.normSquared
            return point
        }
        if hasNullSpace {
            let m1 = 1 / mu, m2 = m1 * m1, m3 = m2 * m1
            let q = perpendicular
            s1 = Hermitian2x2(a: s1.a + m1 * q.a, b: s1.b + m1 * q.b, c: s1.c + m1 * q.c)
            s2 = Hermitian2x2(a: s2.a + m2 * q.a, b: s2.b + m2 * q.b, c: s2.c + m2 * q.c)
            s3 = Hermitian2x2(a: s3.a + m3 * q.a, b: s3.b + m3 * q.b, c: s3.c + m3 * q.c)
        }
        let t1 = s1.congruence(l), t2 = s2.congruence(l), t3 = s3.congruence(l)
        let v2 = l.adjointTimes(SmallVector2(x: u2a, y: u2b))
        let v3 = l.adjointTimes(SmallVector2(x: u3a, y: u3b))
        // K = I − νT₁ must be positive definite (H ≻ 0).
        let k = Hermitian2x2(a: 1 - nu * t1.a, b: 1 - nu * t1.b, c: (-nu) * t1.c)
        guard k.isPositiveDefinite else { return nil }
        let kInverse = k.inverse
        let w = nu * (kInverse * v1)
        var y = v1 + t1 * w  // Vᴴf
        point.w = w
        if nu > 0 {
            // ‖f‖² and Vᴴf summed from f's coordinates (no cancellation), f = D⁻¹(c + Qπ), π = Lw.
            let pi = l.times(w)
            var n2 = 0.0
            var qa = SmallComplex.zero, qb = SmallComplex.zero
            terms.withUnsafeBufferPointer { t in
                eigenvalues.withUnsafeBufferPointer { lambda in
                    for i in 0..<rank {
                        let b = 15 * i + 9
                        let d1 = 1 / (lambda[i] + mu)
                        let pa = SmallComplex(t[b + 2], t[b + 3]), pb = SmallComplex(t[b + 4], t[b + 5])
                        let z = d1 * (SmallComplex(t[b], t[b + 1]) + pa * pi.x + pb * pi.y)
                        n2 += z.magnitudeSquared
                        qa = qa + pa.conjugate * z
                        qb = qb + pb.conjugate * z
                    }
                }
            }
            if hasNullSpace {
                // The null-space part Q_⊥-coordinates π/μ.
                let m1 = 1 / mu
                let qp = perpendicular * pi
                n2 += m1 * m1 * pi.realInner(qp)
                qa = qa + m1 * qp.x
                qb = qb + m1 * qp.y
            }
            point.norm2 = n2
            y = l.adjointTimes(SmallVector2(x: qa, y: qb))
        } else {
            point.norm2 = c.1
        }
        point.sensitivity = y.normSquared
        point.value = c.0 + v1.realInner(w) + mu - nu * target
        let z = v2 + t2 * w  // VᴴD⁻¹f
        let fD1f = c.2 + 2 * w.realInner(v3) + t3.quadratic(w)  // fᴴD⁻¹f
        let kz = kInverse * z, ky = kInverse * y
        point.hMuMu = 2 * (fD1f + nu * z.realInner(kz))
        point.hMuNu = -2 * z.realInner(ky)
        point.hNuNu = 2 * (t1 * y).realInner(ky)
        guard point.value.isFinite, point.norm2.isFinite, point.hMuMu.isFinite, point.hNuNu.isFinite else { return nil }
        return point
    }

    /// Whether (μ, ν) with its evaluation is the certified optimum: f feasible and complementary
    /// (|‖f‖² − 1| ≤ normTolerance if μ > 0; 0 ≤ fᴴPf − Λ ≤ sensingTolerance·Λ if ν > 0).
    func accepts(mu: Double, nu: Double, _ p: Point) -> Bool {
        let ballOK = mu > 0
            ? abs(p.norm2 - 1) <= SensingSubspaceStep.normTolerance : p.norm2 <= 1 + SensingSubspaceStep.normTolerance
        let slack = p.sensitivity - requirement
        let sensingOK = nu > 0 ? slack >= 0 && slack <= SensingSubspaceStep.sensingTolerance * requirement : slack >= 0
        return ballOK && sensingOK
    }

    /// μ(ν): the root of ‖f(μ, ν)‖ = 1 in the domain (or 0 when A has full rank and ‖f(0, ν)‖ ≤ 1),
    /// by Newton's method on 1/‖f‖ − 1 (Moré & Sorensen; ‖f‖ decreases in μ on the domain and
    /// d‖f‖²/dμ = −g_μμ) inside a bisection bracket whose lower end also moves past points outside
    /// the domain. nil if the bracket collapses without meeting the tolerance.
    func shift(nu: Double, guess: Double, tolerance: Double = SensingSubspaceStep.normTolerance) -> (mu: Double, point: Point)? {
        var lo = 0.0
        var hi = nu * pMax + cNorm
        if !hasNullSpace, let p0 = evaluate(mu: 0, nu: nu), p0.norm2 <= 1 { return (0, p0) }
        var mu = guess > 0 && guess < hi ? guess : hi
        for _ in 0..<100 {
            guard let p = evaluate(mu: mu, nu: nu) else {
                lo = mu
                mu = 0.5 * (lo + hi)
                continue
            }
            if abs(p.norm2 - 1) <= tolerance { return (mu, p) }
            if p.norm2 > 1 { lo = mu } else { hi = mu }
            // The bracket at round-off: ‖f‖² is formed with cancellation, accept within 1e-9.
            if hi - lo <= 1e-14 * hi { return abs(p.norm2 - 1) <= 1e-9 ? (mu, p) : nil }
            let root = p.norm2.squareRoot()
            // φ = 1/‖f‖ − 1, φ' = ½‖f‖⁻³g_μμ.
            let slope = 0.5 * p.hMuMu / (p.norm2 * root)
            var next = slope > 0 ? mu - (1 / root - 1) / slope : .nan
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            mu = next
        }
        return nil
    }

    /// The dual minimum by the nested solve: ν is the root of the nondecreasing
    /// ψ(ν) = fᴴPf − Λ_t at μ(ν) (ψ = ∂φ/∂ν of the partial minimum φ(ν) = min_μ g(μ, ν), convex),
    /// with slope ψ' = g_νν − g_μν²/g_μμ (the implicit μ(ν); g_νν when μ is held at 0), found by
    /// safeguarded Newton inside a bracket [ν_lo, ν_hi] with ψ(ν_lo) < 0 ≤ ψ(ν_hi). Newton runs on
    /// the nearly linear χ(ν) = 1/√(λ_max(P) − fᴴPf) (fᴴPf → λ_max(P) like 1/ν² as ν grows, as
    /// the secular solve uses 1/‖f‖), χ' = ψ'/(2(λ_max(P) − fᴴPf)^{3/2}). Starts from the warm
    /// (μ, ν) when given. nil (the caller falls back to SCA) if a μ(ν) solve fails or the
    /// iteration limit is reached.
    mutating func minimise(warm: (mu: Double, nu: Double)?) -> (mu: Double, nu: Double, point: Point)? {
        newtonSteps = 0
        var lo = 0.0
        var hi = Double.infinity
        var nu = warm.map { $0.nu } ?? 0
        var muGuess = warm.map { $0.mu } ?? 0
        if nu <= 0 { nu = max(cNorm, 1e-300) / max(pMax, 1e-300) }
        // Inexact Newton: μ(ν) to 1e-8 while ψ is far from 0, to the acceptance tolerance near it.
        var loose = true
        while newtonSteps < SensingSubspaceStep.maxNewtonSteps {
            newtonSteps += 1
            guard let (mu, p) = shift(nu: nu, guess: muGuess, tolerance: loose ? 1e-8 : SensingSubspaceStep.normTolerance)
            else { return nil }
            muGuess = mu
            if accepts(mu: mu, nu: nu, p) { return (mu, nu, p) }
            let psi = p.sensitivity - target
            if loose && abs(psi) <= 1e-6 * requirement {
                // Near the root: solve μ(ν) tightly at this ν before trusting ψ.
                loose = false
                muGuess = mu
                continue
            }
            if psi >= 0 { hi = nu } else { lo = nu }
            let slope = mu > 0 ? p.hNuNu - p.hMuNu * p.hMuNu / p.hMuMu : p.hNuNu
            let gap = pMax - p.sensitivity, targetGap = pMax - target
            var next = Double.nan
            if gap > 0 && targetGap > 0 && slope > 0 {
                let chi = 1 / gap.squareRoot() - 1 / targetGap.squareRoot()
                next = nu - chi / (0.5 * slope / (gap * gap.squareRoot()))
            } else if slope > 0 {
                next = nu - psi / slope
            }
            if hi.isInfinite {
                // Not yet bracketed: Newton, but at least double ν.
                if !(next > 2 * nu) { next = 2 * nu }
            } else if !(next > lo && next < hi) {
                next = 0.5 * (lo + hi)
            }
            if !hi.isInfinite && hi - lo <= 1e-15 * hi { return nil }
            // The next inner solve starts from μ(ν) continued along μ' = −g_μν/g_μμ.
            if mu > 0 && p.hMuMu > 0 {
                let predicted = mu - p.hMuNu / p.hMuMu * (next - nu)
                if predicted > 0 && predicted.isFinite { muGuess = predicted }
            }
            nu = next
        }
        return nil
    }
}
