/// The dual function g(μ, ν) = cᴴH⁻¹c + μ − νΛ of one sensing beam's FP block problem (O21.1) and
/// its minimisation over μ, ν ≥ 0, H = A + μI − νP ≻ 0 (O22: ν(μ) in closed form, Newton on μ).
///
/// Everything depending on μ is a power sum over A's r kept eigenvalues (plus the null-space Gram
/// Q_⊥/μ^k); ν enters only through the 2×2 capacitance K = I − νT₁, T₁ = LᴴQᴴD⁻¹QL, D = A + μI
/// (H ≻ 0 ⇔ K ≻ 0 for D ≻ 0). One evaluation with its gradient and Hessian costs O(r).
///
/// The per-eigenvalue products live in structure-of-arrays rows of `storage` (borrowed from the
/// caller's scratch, so nothing is allocated per beam), each `width` long (r rounded up to a
/// multiple of 2 with zero terms, so the power sums run in whole SIMD2 lanes).
struct SensingDual {
    let rank: Int
    let width: Int
    let factor: LowerTriangular2x2
    /// Λ_eff.
    let requirement: Double
    /// The solve aims fᴴPf at Λ(1 + 0.05·sensingTolerance), just inside the acceptance window
    /// [Λ, Λ(1 + sensingTolerance)]: the objective then trails the optimum of the exact
    /// constraint by ν·(fᴴPf − Λ) ≈ 5e-11·νΛ.
    let target: Double
    /// The null-space Gram Q_⊥ = [a_⊥ a'_⊥]ᴴ[a_⊥ a'_⊥] (zero when A has full rank N).
    let perpendicular: Hermitian2x2
    let hasNullSpace: Bool
    /// λ_max(P).
    let pMax: Double
    /// Λ_t/λ_max(P): the infimum of ‖f‖² along ν(μ) (O22).
    let sensingFloor: Double
    /// ‖c‖.
    let cNorm: Double
    /// Rows (each `width` long): λ; |β|², p̄_aβ (re, im), p̄_a'β (re, im), |p_a|², |p_a'|², p̄_a p_a'
    /// (re, im); 1/(λ + μ) of the last power sums; β, p_a, p_a' (re, im); f's coordinates z (re, im).
    var storage: [Double] = []
    /// μ of the reciprocal row.
    var reciprocalShift = Double.nan
    /// Evaluations (O(r) passes) of the last ``minimise(from:)``.
    var evaluations = 0

    /// The evaluation limit of ``minimise(from:)`` (`SensingSubspaceStep.maxNewtonSteps`); a
    /// task-local so that a test can force the SCA fallback of a whole FP run (read once per beam).
    @TaskLocal static var evaluationLimit = SensingSubspaceStep.maxNewtonSteps

    enum Row {
        static let eigenvalue = 0, beta2 = 1, uaRe = 2, uaIm = 3, ubRe = 4, ubIm = 5, aa = 6, bb = 7, abRe = 8,
            abIm = 9, reciprocal = 10, betaRe = 11, betaIm = 12, paRe = 13, paIm = 14, pbRe = 15, pbIm = 16,
            zRe = 17, zIm = 18
        static let count = 19
    }

    /// One evaluation at (μ, ν) in the domain.
    struct Point {
        /// g(μ, ν), with the target Λ_t in place of Λ.
        var value = 0.0
        /// ‖f‖² and fᴴPf.
        var norm2 = 0.0
        var sensitivity = 0.0
        var nu = 0.0
        /// w of f = D⁻¹(c + QLw) (O21.2).
        var w = SmallVector2.zero
        /// ∇²g (O21.3).
        var hMuMu = 0.0, hMuNu = 0.0, hNuNu = 0.0

        /// φ''(μ) of the partial minimum φ(μ) = min_ν g(μ, ν): the Schur complement
        /// g_μμ − g_μν²/g_νν where ν(μ) > 0, g_μμ where the sensing constraint is inactive. (O22)
        var curvature: Double { nu > 0 ? hMuMu - hMuNu * hMuNu / hNuNu : hMuMu }
        /// dν/dμ along ν(μ): −g_μν/g_νν (0 where ν = 0).
        var multiplierSlope: Double { nu > 0 ? -hMuNu / hNuNu : 0 }
    }

    /// The power sums of one μ reduced to the 2×2 algebra: c_k = cᴴD⁻ᵏc, v_k = VᴴD⁻ᵏc, T_k = VᴴD⁻ᵏV.
    struct Reduced {
        var c1 = 0.0, c2 = 0.0, c3 = 0.0
        var v1 = SmallVector2.zero, v2 = SmallVector2.zero, v3 = SmallVector2.zero
        var t1 = Hermitian2x2.zero, t2 = Hermitian2x2.zero, t3 = Hermitian2x2.zero
    }

    init(
        step: SensingSubspaceStep, quadratic q: BeamQuadratic, betaC: [Double], factor l: LowerTriangular2x2,
        terms borrowed: inout [Double]
    ) {
        let r = step.rank
        rank = r
        width = (r + 1) & ~1
        factor = l
        requirement = step.requirement
        target = step.requirement * (1 + 0.05 * SensingSubspaceStep.sensingTolerance)
        hasNullSpace = r < q.dimension
        perpendicular = hasNullSpace ? Hermitian2x2(a: step.q11, b: step.q22, c: SmallComplex(step.q12)) : .zero
        pMax = step.sensingMaxEigenvalue
        sensingFloor = target / pMax
        var c2 = 0.0
        for e in 0 ..< 2 * r { c2 += betaC[e] * betaC[e] }
        cNorm = c2.squareRoot()
        swap(&storage, &borrowed)
        let w = width
        if storage.count < Row.count * w { storage = [Double](repeating: 0, count: Row.count * w) }
        storage.withUnsafeMutableBufferPointer { buffer in
            step.coordinates.withUnsafeBufferPointer { coordinates in
                betaC.withUnsafeBufferPointer { beta in
                    q.eigenvalues.withUnsafeBufferPointer { lambda in
                        Self.fill(
                            buffer.baseAddress!, width: w, rank: r, lambda: lambda.baseAddress!, beta: beta.baseAddress!,
                            pa: coordinates.baseAddress!, pb: coordinates.baseAddress! + 2 * r)
                    }
                }
            }
        }
    }

    /// The rows of `storage` from λ, β and p_a, p_a' (interleaved complex), two eigenvalues per
    /// step (deinterleaved into SIMD2); padding: zero terms, λ = 1.
    private static func fill(
        _ t: UnsafeMutablePointer<Double>, width w: Int, rank r: Int, lambda: UnsafePointer<Double>,
        beta: UnsafePointer<Double>, pa: UnsafePointer<Double>, pb: UnsafePointer<Double>
    ) {
        typealias Pair = SIMD2<Double>
        @inline(__always) func split(_ p: UnsafePointer<Double>, _ i: Int) -> (Pair, Pair) {
            let lo = UnsafeRawPointer(p + 2 * i).loadUnaligned(as: Pair.self)
            let hi = UnsafeRawPointer(p + 2 * i + 2).loadUnaligned(as: Pair.self)
            return (Pair(lo.x, hi.x), Pair(lo.y, hi.y))
        }
        @inline(__always) func put(_ v: Pair, _ row: Int, _ i: Int) {
            UnsafeMutableRawPointer(t + row * w + i).storeBytes(of: v, as: Pair.self)
        }
        var i = 0
        while i + 2 <= r {
            let (ar, ai) = split(pa, i), (br, bi) = split(pb, i), (cr, ci) = split(beta, i)
            put(UnsafeRawPointer(lambda + i).loadUnaligned(as: Pair.self), Row.eigenvalue, i)
            put(cr * cr + ci * ci, Row.beta2, i)
            put(ar * cr + ai * ci, Row.uaRe, i)
            put(ar * ci - ai * cr, Row.uaIm, i)
            put(br * cr + bi * ci, Row.ubRe, i)
            put(br * ci - bi * cr, Row.ubIm, i)
            put(ar * ar + ai * ai, Row.aa, i)
            put(br * br + bi * bi, Row.bb, i)
            put(ar * br + ai * bi, Row.abRe, i)
            put(ar * bi - ai * br, Row.abIm, i)
            put(cr, Row.betaRe, i)
            put(ci, Row.betaIm, i)
            put(ar, Row.paRe, i)
            put(ai, Row.paIm, i)
            put(br, Row.pbRe, i)
            put(bi, Row.pbIm, i)
            i += 2
        }
        if i < r {
            let ar = pa[2 * i], ai = pa[2 * i + 1], br = pb[2 * i], bi = pb[2 * i + 1]
            let cr = beta[2 * i], ci = beta[2 * i + 1]
            t[i] = lambda[i]
            t[Row.beta2 * w + i] = cr * cr + ci * ci
            t[Row.uaRe * w + i] = ar * cr + ai * ci
            t[Row.uaIm * w + i] = ar * ci - ai * cr
            t[Row.ubRe * w + i] = br * cr + bi * ci
            t[Row.ubIm * w + i] = br * ci - bi * cr
            t[Row.aa * w + i] = ar * ar + ai * ai
            t[Row.bb * w + i] = br * br + bi * bi
            t[Row.abRe * w + i] = ar * br + ai * bi
            t[Row.abIm * w + i] = ar * bi - ai * br
            t[Row.betaRe * w + i] = cr
            t[Row.betaIm * w + i] = ci
            t[Row.paRe * w + i] = ar
            t[Row.paIm * w + i] = ai
            t[Row.pbRe * w + i] = br
            t[Row.pbIm * w + i] = bi
        }
        for i in r..<w {
            t[i] = 1
            for row in 1..<Row.count { t[row * w + i] = 0 }
        }
    }

    /// The power sums at μ (``powerSums(mu:)``) with the null-space Gram added and reduced by L.
    mutating func reduced(mu: Double) -> Reduced {
        var s = powerSums(mu: mu)
        if hasNullSpace {
            let m1 = 1 / mu, m2 = m1 * m1, m3 = m2 * m1
            let q = perpendicular
            s.s1 = Hermitian2x2(a: s.s1.a + m1 * q.a, b: s.s1.b + m1 * q.b, c: s.s1.c + m1 * q.c)
            s.s2 = Hermitian2x2(a: s.s2.a + m2 * q.a, b: s.s2.b + m2 * q.b, c: s.s2.c + m2 * q.c)
            s.s3 = Hermitian2x2(a: s.s3.a + m3 * q.a, b: s.s3.b + m3 * q.b, c: s.s3.c + m3 * q.c)
        }
        let l = factor
        return Reduced(
            c1: s.c1, c2: s.c2, c3: s.c3,
            v1: l.adjointTimes(s.u1), v2: l.adjointTimes(s.u2), v3: l.adjointTimes(s.u3),
            t1: s.s1.congruence(l), t2: s.s2.congruence(l), t3: s.s3.congruence(l))
    }

    /// g, ‖f‖², fᴴPf and ∇²g at (μ, ν(μ)) with ν(μ) = argmin_ν g(μ, ν) (``SensingMultiplier``); ‖f‖²
    /// from the expanded form c₂ + 2Re{v₂ᴴw} + wᴴT₂w (cheap, may cancel: ``refine(_:mu:)`` re-forms
    /// it from f's coordinates). nil outside the domain (μ = 0 with a null space) or in ν's hard case.
    mutating func evaluate(mu: Double) -> Point? {
        guard mu.isFinite, mu >= 0, !(hasNullSpace && mu == 0) else { return nil }
        let d = reduced(mu: mu)
        let eigen = Hermitian2x2Eigen(d.t1)
        guard let m = SensingMultiplier(v1: d.v1, eigen: eigen, target: target) else { return nil }
        return point(d, mu: mu, eigen: eigen, multiplier: m)
    }

    /// ν(μ), w and the stable ‖f‖², fᴴPf at μ from the first power sums only: the evaluation of a
    /// point expected to pass the certificate, which needs no Hessian (O22). nil as ``evaluate(mu:)``.
    mutating func evaluateStable(mu: Double) -> Point? {
        guard mu.isFinite, mu >= 0, !(hasNullSpace && mu == 0) else { return nil }
        var s = firstPowerSums(mu: mu)
        if hasNullSpace {
            let m1 = 1 / mu, q = perpendicular
            s.s1 = Hermitian2x2(a: s.s1.a + m1 * q.a, b: s.s1.b + m1 * q.b, c: s.s1.c + m1 * q.c)
        }
        let v1 = factor.adjointTimes(s.u1)
        let eigen = Hermitian2x2Eigen(s.s1.congruence(factor))
        guard let m = SensingMultiplier(v1: v1, eigen: eigen, target: target) else { return nil }
        var p = Point()
        p.nu = m.nu
        p.w = m.nu * eigen.apply(1 / m.k1, 1 / m.k2, to: v1)
        p.sensitivity = m.sensitivity
        p.norm2 = s.c2
        p.value = s.c1 + v1.realInner(p.w) + mu - m.nu * target
        if m.nu > 0 { refine(&p, mu: mu) }
        guard p.norm2.isFinite, p.value.isFinite else { return nil }
        return p
    }

    /// The same at a given ν (every quantity re-formed stably when ν > 0); nil outside the domain.
    mutating func evaluate(mu: Double, nu: Double) -> Point? {
        guard mu.isFinite, nu.isFinite, mu >= 0, nu >= 0, !(hasNullSpace && mu == 0) else { return nil }
        let d = reduced(mu: mu)
        let eigen = Hermitian2x2Eigen(d.t1)
        guard var m = SensingMultiplier(nu: nu, eigen: eigen) else { return nil }
        m.sensitivity = eigen.apply(1 / m.k1, 1 / m.k2, to: d.v1).normSquared
        guard var p = point(d, mu: mu, eigen: eigen, multiplier: m) else { return nil }
        if nu > 0 { refine(&p, mu: mu) }
        return p
    }

    /// The 2×2 algebra of O21.2-O21.3 at one (μ, ν).
    private func point(_ d: Reduced, mu: Double, eigen: Hermitian2x2Eigen, multiplier m: SensingMultiplier) -> Point? {
        let nu = m.nu
        let s1 = 1 / m.k1, s2 = 1 / m.k2
        let y = eigen.apply(s1, s2, to: d.v1)  // Vᴴf = K⁻¹v₁
        let w = nu * y
        var p = Point()
        p.nu = nu
        p.w = w
        p.sensitivity = m.sensitivity
        p.norm2 = nu > 0 ? d.c2 + 2 * d.v2.realInner(w) + d.t2.quadratic(w) : d.c2
        p.value = d.c1 + d.v1.realInner(w) + mu - nu * target
        let z = d.v2 + d.t2 * w  // VᴴD⁻¹f
        let fD1f = d.c3 + 2 * w.realInner(d.v3) + d.t3.quadratic(w)  // fᴴD⁻¹f
        let kz = eigen.apply(s1, s2, to: z), ky = eigen.apply(s1, s2, to: y)
        p.hMuMu = 2 * (fD1f + nu * z.realInner(kz))
        p.hMuNu = -2 * z.realInner(ky)
        p.hNuNu = 2 * (d.t1 * y).realInner(ky)
        guard p.value.isFinite, p.norm2.isFinite, p.hMuMu.isFinite, p.hNuNu.isFinite else { return nil }
        return p
    }

    /// ‖f‖² and fᴴPf = ‖Vᴴf‖² summed from f's coordinates (no cancellation), f = D⁻¹(c + Qπ),
    /// π = Lw, with the reciprocals 1/(λ + μ) of the last power sums (μ must be theirs).
    mutating func refine(_ p: inout Point, mu: Double) {
        precondition(mu == reciprocalShift, "refine(_:mu:) after the power sums of another μ")
        let pi = factor.times(p.w)
        var (n2, qa, qb) = coordinateSums(pi: pi)
        if hasNullSpace {
            // The null-space part Q_⊥-coordinates π/μ.
            let m1 = 1 / mu
            let qp = perpendicular * pi
            n2 += m1 * m1 * pi.realInner(qp)
            qa = qa + m1 * qp.x
            qb = qb + m1 * qp.y
        }
        p.norm2 = n2
        p.sensitivity = factor.adjointTimes(SmallVector2(x: qa, y: qb)).normSquared
    }

    /// Whether (μ, ν) with its evaluation is the certified optimum: f feasible and complementary
    /// (|‖f‖² − 1| ≤ normTolerance if μ > 0; 0 ≤ fᴴPf − Λ ≤ sensingTolerance·Λ if ν > 0).
    func accepts(mu: Double, nu: Double, _ p: Point) -> Bool {
        ballAccepted(mu: mu, p) && sensingAccepted(nu: nu, p)
    }

    func ballAccepted(mu: Double, _ p: Point) -> Bool {
        mu > 0 ? abs(p.norm2 - 1) <= SensingSubspaceStep.normTolerance : p.norm2 <= 1 + SensingSubspaceStep.normTolerance
    }

    func sensingAccepted(nu: Double, _ p: Point) -> Bool {
        let slack = p.sensitivity - requirement
        return nu > 0 ? slack >= 0 && slack <= SensingSubspaceStep.sensingTolerance * requirement : slack >= 0
    }

    /// |‖f‖² − 1| of a Newton iterate below which the stable form is formed and the point tested.
    static let certifyBelow = 1e-10
    /// |‖f‖² − 1| of a Newton iterate below which the next point is evaluated without the Hessian.
    static let lightBelow = 3e-7

    /// The dual minimum (O22): μ* is the root of φ'(μ) = 1 − ‖f(μ, ν(μ))‖² (φ(μ) = min_ν g(μ, ν) is
    /// convex, so ‖f‖ decreases along ν(μ)), or 0 when A has full rank and ‖f(0, ν(0))‖ ≤ 1. Found
    /// by Newton's method on ψ = 1/√(‖f‖² − ℓ) − 1/√(1 − ℓ) (ℓ = Λ_t/λ_max(P) while ν > 0, else 0;
    /// slope ½(‖f‖² − ℓ)^{-3/2}φ'', φ'' = ``Point/curvature``) inside a bisection bracket, one O(r)
    /// evaluation per step, from `start` (the last FP iteration's μ, or the ball-only secular root).
    /// The sensing half of the certificate holds at every iterate (ν(μ) meets Λ_t); the point is
    /// accepted once the stable ‖f‖² (``refine(_:mu:)``) passes. The predicted last point is
    /// evaluated without the Hessian (``evaluateStable(mu:)``), secant steps after it. nil (the
    /// caller falls back to SCA) in ν's hard case, on a collapsed bracket or after `limit` evaluations.
    mutating func minimise(
        from start: Double, limit: Int = SensingSubspaceStep.maxNewtonSteps
    ) -> (mu: Double, nu: Double, point: Point)? {
        evaluations = 0
        var lo = 0.0
        var hi = Double.infinity
        var mu = start.isFinite ? max(0, start) : 0
        if hasNullSpace && mu <= 0 { mu = max(cNorm, 1e-300) }
        var zeroTried = false
        var stable = false
        // Once an iterate is within `lightBelow`, the next Newton step is expected to pass the
        // certificate (|e_{k+1}| ≈ C·e_k², C ≲ 5 measured): evaluate it without the Hessian
        // (``evaluateStable(mu:)``), and continue, if needed, by secant steps on such points.
        var light = false
        var previous = (mu: Double.nan, error: Double.nan)
        while evaluations < limit {
            evaluations += 1
            var p: Point
            if mu == 0 { zeroTried = true }
            if light {
                guard let q = evaluateStable(mu: mu) else { return nil }
                p = q
                if accepts(mu: mu, nu: p.nu, p) { return (mu, p.nu, p) }
                if !sensingAccepted(nu: p.nu, p) { return nil }
            } else {
                guard let q = evaluate(mu: mu) else { return nil }
                p = q
                if stable || abs(p.norm2 - 1) <= Self.certifyBelow || (mu == 0 && p.norm2 <= 1) {
                    if p.nu > 0 { refine(&p, mu: mu) }
                    if accepts(mu: mu, nu: p.nu, p) { return (mu, p.nu, p) }
                    // ν(μ) meets Λ_t by construction: a failing sensing test is round-off beyond repair.
                    if !sensingAccepted(nu: p.nu, p) { return nil }
                    stable = true
                }
            }
            if p.norm2 > 1 { lo = mu } else { hi = mu }
            if hi.isFinite && hi - lo <= 1e-15 * hi { return nil }
            let error = p.norm2 - 1
            var next = Double.nan
            if light {
                // Secant on ‖f‖² − 1 through the last two points.
                if previous.mu != mu && error != previous.error {
                    next = mu - error * (mu - previous.mu) / (error - previous.error)
                }
            } else {
                // ψ(μ) = 1/√(‖f‖² − ℓ) − 1/√(1 − ℓ), ψ' = ½(‖f‖² − ℓ)^{-3/2}φ''. ℓ = 0 (the secular
                // 1/‖f‖) while sensing is inactive; along ν(μ) > 0, ‖f‖² ≥ fᴴPf/λ_max(P) = Λ_t/λ_max(P)
                // = ℓ, the limit of ‖f‖² as μ → ∞, and ‖f‖² − ℓ decays like 1/μ²: ψ is nearly linear.
                let floor = p.nu > 0 && sensingFloor < 1 && p.norm2 > sensingFloor ? sensingFloor : 0
                let gap = p.norm2 - floor, root = gap.squareRoot()
                let slope = 0.5 * p.curvature / (gap * root)
                if slope > 0 { next = mu - (1 / root - 1 / (1 - floor).squareRoot()) / slope }
                light = abs(error) <= Self.lightBelow
            }
            if !(next > lo && next < hi) {
                if hi.isInfinite {
                    next = mu > 0 ? 2 * mu : max(cNorm, 1e-300)
                } else if lo == 0 && !hasNullSpace && !zeroTried {
                    next = 0
                } else {
                    next = 0.5 * (lo + hi)
                }
            }
            previous = (mu, error)
            mu = next
        }
        return nil
    }
}
