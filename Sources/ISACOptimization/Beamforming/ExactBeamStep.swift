import ISACMath

/// The exact beam step (M9 (b)): f = (A + μI)⁻¹(c + νh/2) with multipliers μ ≥ 0 (unit ball) and
/// ν ≥ 0 (SCA half-space) from the KKT conditions.
///
/// In A's eigenbasis (``BeamQuadratic``), b = c + νh/2 = Uβ + b_⊥ and the ball multiplier solves the
/// secular equation ‖f(μ)‖² = Σ_i |β_i|²/(λ_i + μ)² + ‖b_⊥‖²/μ² = 1 (μ = 0 when the unconstrained
/// maximiser lies in the ball), by Newton's method on 1/‖f(μ)‖ − 1 (Moré & Sorensen 1983)
/// safeguarded by bisection, O(r) per iteration. With the half-space, the dual
/// ψ(ν) = max_{‖f‖≤1} 2Re{(c + νh/2)ᴴf} − fᴴAf − νt is convex with ψ'(ν) = Re{hᴴf(ν)} − t
/// nondecreasing, so ν is the root of a monotone scalar function, found by bracketing and
/// safeguarded Newton (analytic slope through the implicit μ(ν)), each evaluation one O(r) secular solve; the returned beam is
/// f(ν_hi), on the feasible side. Then f = U(β/(λ+μ) − β_⊥-part/μ) + b/μ, assembled once.
public struct ExactBeamStep: BeamStepSolver {
    /// Relative tolerance of the secular equation and of the half-space root.
    public var tolerance: Double
    /// The half-space root stops when Re{hᴴf} − t ≤ rootTolerance·|t| (on the feasible side): the
    /// beam's objective is then within ν·rootTolerance·|t| of the optimum.
    public var rootTolerance: Double

    public init(tolerance: Double = 1e-12, rootTolerance: Double = 1e-9) {
        self.tolerance = tolerance
        self.rootTolerance = rootTolerance
    }

    public func solve(
        quadratic q: BeamQuadratic, linear c: ComplexVector, halfSpace: HalfSpace?, start: ComplexVector
    ) -> BeamStepResult {
        let beta = q.coordinates(of: c)
        var inRange = 0.0
        for x in beta { inRange += x * x }
        let c2 = c.normSquared
        let rho = c2 - inRange > 1e-14 * c2 ? c2 - inRange : 0
        return beam(q, coefficients(q, betaC: beta, rhoC: rho, c: rho > 0 ? c : nil, general: c, halfSpace: halfSpace))
    }

    /// The FP fast path: c = α·w_j, a column of A's own factor, so c ∈ range(A) and Uᴴc is O(r).
    public func solve(
        quadratic q: BeamQuadratic, factorColumn j: Int, scale alpha: (re: Double, im: Double),
        halfSpace: HalfSpace?, start: ComplexVector
    ) -> BeamStepResult {
        beam(q, coefficients(q, factorColumn: j, scale: alpha, halfSpace: halfSpace))
    }

    /// A beam as f = U·ζ + s·e: coordinates on A's eigenbasis plus a multiple of one extra vector
    /// (the parts of c and h outside range(A)), so FP can assemble all beams of an RSU at once.
    struct Coefficients {
        var zeta: [Double]
        var extraScale: Double
        var extra: ComplexVector?
        var outcome: SolverOutcome
        var iterations: Int
        /// The half-space multiplier ν (0 when the half-space is inactive or absent).
        var multiplier: Double = 0
        /// The ball multiplier μ with the half-space active (0 otherwise).
        var shift: Double = 0
    }

    /// - Parameters:
    ///   - normalCoordinates: Uᴴh of the half-space normal when already computed (batched), else nil.
    ///   - initialMultiplier: a guess of ν (e.g. the last FP iteration's); the root is the same
    ///     (to the root tolerance), only found in fewer dual evaluations.
    ///   - initialShift: a guess of μ; with both guesses > 0 the joint Newton solve is tried first.
    func coefficients(
        _ q: BeamQuadratic, factorColumn j: Int, scale alpha: (re: Double, im: Double), halfSpace: HalfSpace?,
        normalCoordinates: [Double]? = nil, initialMultiplier: Double = 0, initialShift: Double = 0
    ) -> Coefficients {
        coefficients(
            q, betaC: q.coordinates(factorColumn: j, scale: alpha), rhoC: 0, c: nil, general: nil, halfSpace: halfSpace,
            normalCoordinates: normalCoordinates, initialMultiplier: initialMultiplier, initialShift: initialShift)
    }

    /// The FP step (c = α·w_j ∈ range(A)) under a half-space given only through its normal's
    /// coordinates η = Uᴴh, ‖h‖² and t (the normal itself never formed): the beam is
    /// f = U·zeta + extraScale·h (`extra` is nil). Used by FP's SCA loop, which keeps h in the span of
    /// U and two fixed vectors (``FPState``).
    func coefficients(
        _ q: BeamQuadratic, factorColumn j: Int, scale alpha: (re: Double, im: Double), normalCoordinates eta: [Double],
        normalNormSquared h2: Double, offset t: Double, initialMultiplier: Double, initialShift: Double = 0
    ) -> Coefficients {
        coefficients(
            q, betaC: q.coordinates(factorColumn: j, scale: alpha), rhoC: 0, c: nil, general: nil, halfSpace: nil,
            normalCoordinates: eta, initialMultiplier: initialMultiplier, initialShift: initialShift,
            implicitNormal: (h2, t))
    }

    /// The same step with Uᴴc given (`betaC`, computed once per beam by the SCA loop) and the
    /// coordinates ζ written into `zeta` (reused storage; the result's `zeta` is empty): the
    /// allocation-free form of FP's SCA loop (O14). Same arithmetic as the overload above.
    func coefficients(
        _ q: BeamQuadratic, betaC: [Double], normalCoordinates eta: [Double], normalNormSquared h2: Double,
        offset t: Double, initialMultiplier: Double, initialShift: Double, zeta: inout [Double]
    ) -> Coefficients {
        core(
            q, betaC: betaC, rhoC: 0, c: nil, general: nil, halfSpace: nil, normalCoordinates: eta,
            initialMultiplier: initialMultiplier, initialShift: initialShift, implicitNormal: (h2, t), zeta: &zeta)
    }

    private func beam(_ q: BeamQuadratic, _ k: Coefficients) -> BeamStepResult {
        let f = q.assemble(k.zeta, plus: k.extraScale, times: k.extra)
        // Round-off guard: the secular solve meets ‖f‖ = 1 to ~1e-12.
        return BeamStepResult(beam: f.projectedOntoBall(), outcome: k.outcome, iterations: k.iterations)
    }

    /// - Parameters:
    ///   - betaC: Uᴴc; rhoC: ‖c_⊥‖²; c: c itself when rhoC > 0; general: c for Re{cᴴh} (nil: c ∈ range).
    private func coefficients(
        _ q: BeamQuadratic, betaC: [Double], rhoC: Double, c: ComplexVector?, general: ComplexVector?,
        halfSpace: HalfSpace?, normalCoordinates: [Double]? = nil, initialMultiplier: Double = 0,
        initialShift: Double = 0, implicitNormal: (normSquared: Double, offset: Double)? = nil
    ) -> Coefficients {
        var zeta: [Double] = []
        var result = core(
            q, betaC: betaC, rhoC: rhoC, c: c, general: general, halfSpace: halfSpace,
            normalCoordinates: normalCoordinates, initialMultiplier: initialMultiplier, initialShift: initialShift,
            implicitNormal: implicitNormal, zeta: &zeta)
        result.zeta = zeta
        return result
    }

    /// The step itself; ζ goes to `zeta` (the result's `zeta` is empty).
    private func core(
        _ q: BeamQuadratic, betaC: [Double], rhoC: Double, c: ComplexVector?, general: ComplexVector?,
        halfSpace: HalfSpace?, normalCoordinates: [Double]?, initialMultiplier: Double, initialShift: Double,
        implicitNormal: (normSquared: Double, offset: Double)?, zeta: inout [Double]
    ) -> Coefficients {
        let r = q.rank
        let lambda = q.eigenvalues
        var total = rhoC
        for i in 0..<r { total += betaC[2 * i] * betaC[2 * i] + betaC[2 * i + 1] * betaC[2 * i + 1] }
        let cNorm = total.squareRoot()
        func unconstrainedShift() -> Double {
            Self.secularShift(
                coordinates: betaC, eigenvalues: lambda, residual: rhoC, norm: cNorm, tolerance: tolerance)
        }
        let h: ComplexVector?
        let h2: Double, t: Double, eta: [Double]
        if let hs = halfSpace {
            h = hs.normal
            h2 = hs.normal.normSquared
            t = hs.offset
            eta = normalCoordinates ?? q.coordinates(of: hs.normal)
        } else if let implicit = implicitNormal, let given = normalCoordinates {
            h = nil
            h2 = implicit.normSquared
            t = implicit.offset
            eta = given
        } else {
            return Self.make(
                q, betaC: betaC, shifted: false, eta: nil, nu: 0, mu: unconstrainedShift(), c: c, h: nil,
                outcome: .converged, iterations: 1, zeta: &zeta)
        }
        let hNorm = h2.squareRoot()
        var etaIn = 0.0, betaEta = 0.0
        for i in 0..<r {
            etaIn += eta[2 * i] * eta[2 * i] + eta[2 * i + 1] * eta[2 * i + 1]
            betaEta += betaC[2 * i] * eta[2 * i] + betaC[2 * i + 1] * eta[2 * i + 1]
        }
        let rhoH = h2 - etaIn > 1e-14 * h2 ? h2 - etaIn : 0
        // Re⟨c_⊥, h_⊥⟩, zero when either part is (Cauchy-Schwarz also bounds its round-off).
        var rhoCH = 0.0
        if let general, let h, rhoC > 0, rhoH > 0 {
            let bound = (rhoC * rhoH).squareRoot()
            rhoCH = min(max(h.innerProduct(general).re - betaEta, -bound), bound)
        }
        // Warm multipliers: a KKT point with μ, ν > 0 of this convex problem is its optimum, so when
        // the joint Newton solve converges neither the inactive test nor the nested solve is needed.
        if initialMultiplier > 0 && initialShift > 0 && hNorm > 0,
            let fast = Self.jointNewton(
                betaC: betaC, eta: eta, eigenvalues: lambda, rhoC: rhoC, rhoCH: rhoCH, rhoH: rhoH, offset: t,
                mu: initialShift, nu: initialMultiplier, tolerance: tolerance, rootTolerance: rootTolerance)
        {
            return Self.finish(
                q, betaC: betaC, eta: eta, nu: fast.nu, mu: fast.mu, c: c, h: h, outcome: .converged, iterations: 1,
                zeta: &zeta)
        }
        let mu0 = unconstrainedShift()
        // Re{hᴴf(0)}: in coordinates plus the perpendicular cross term.
        var g0 = mu0 > 0 ? rhoCH / mu0 : 0
        for i in 0..<r { g0 += (eta[2 * i] * betaC[2 * i] + eta[2 * i + 1] * betaC[2 * i + 1]) / (lambda[i] + mu0) }
        if g0 >= t {
            return Self.make(
                q, betaC: betaC, shifted: false, eta: nil, nu: 0, mu: mu0, c: c, h: nil, outcome: .converged,
                iterations: 1, zeta: &zeta)
        }
        guard hNorm > 0, t < hNorm * (1 - 1e-12) else {
            // Empty: the closest one can get is the beam maximising Re{hᴴf}.
            Self.resize(&zeta, 2 * r)
            for i in 0 ..< 2 * r { zeta[i] = 0 }
            return Coefficients(
                zeta: [], extraScale: 1 / max(hNorm, 1e-300), extra: h, outcome: .infeasible, iterations: 1,
                multiplier: 0)
        }
        var dual = HalfSpaceDual(
            betaC: betaC, eta: eta, eigenvalues: lambda, rhoC: rhoC, rhoCH: rhoCH, rhoH: rhoH, offset: t,
            tolerance: tolerance, lastMu: mu0)
        var lastSlope = 0.0
        var lastPoint = -1.0
        func evaluate(_ nu: Double) -> Double {
            let v = dual.evaluate(nu)
            lastSlope = v.slope
            lastPoint = nu
            return v.value
        }
        let scale = max(abs(t), 1e-300)
        var lo = 0.0
        var hi: Double
        var ghi: Double
        var iterations = 2
        var xLast: Double, gLast: Double, sLast: Double
        if initialMultiplier > 0 && initialMultiplier.isFinite {
            // Warm start: bracket around the guess, Newton from it.
            let g = evaluate(initialMultiplier)
            xLast = initialMultiplier
            gLast = g
            sLast = lastSlope
            if g >= 0 {
                hi = initialMultiplier
                ghi = g
            } else {
                lo = initialMultiplier
                hi = 2 * initialMultiplier
                ghi = evaluate(hi)
                iterations += 1
                while ghi < 0 && iterations < 200 {
                    lo = hi
                    hi *= 4
                    ghi = evaluate(hi)
                    iterations += 1
                }
            }
        } else {
            hi = max(2 * cNorm / hNorm, 1e-300)
            ghi = evaluate(hi)
            while ghi < 0 && iterations < 200 {
                lo = hi
                hi *= 4
                ghi = evaluate(hi)
                iterations += 1
            }
            xLast = hi
            gLast = ghi
            sLast = lastSlope
        }
        // Safeguarded Newton from the last point; from the infeasible side it aims 0.1 % past the
        // root so that the bracket's feasible end moves too.
        var outcome = SolverOutcome.iterationLimit
        while iterations < 300 {
            if ghi <= rootTolerance * scale || hi - lo <= tolerance * hi {
                outcome = .converged
                break
            }
            var nu = sLast > 0 ? xLast - (gLast < 0 ? 1.001 : 1) * gLast / sLast : .nan
            if !(nu > lo && nu < hi) { nu = 0.5 * (lo + hi) }
            let e = evaluate(nu)
            iterations += 1
            if e >= 0 {
                hi = nu
                ghi = e
            } else {
                lo = nu
            }
            xLast = nu
            gLast = e
            sLast = lastSlope
        }
        if lastPoint != hi { _ = evaluate(hi) }
        return Self.finish(
            q, betaC: betaC, eta: eta, nu: hi, mu: dual.lastMu, c: c, h: h, outcome: outcome, iterations: iterations,
            zeta: &zeta)
    }

    /// `buffer` with `count` entries (reallocated only when its size differs; contents then undefined).
    @inline(__always)
    private static func resize(_ buffer: inout [Double], _ count: Int) {
        if buffer.count != count { buffer = [Double](repeating: 0, count: count) }
    }

    /// The beam of an active half-space (multipliers μ, ν), with the implicit-normal convention.
    /// β(ν) = β_c + νη/2 is formed here, with the same arithmetic as the joint Newton solve and
    /// ``HalfSpaceDual`` (so neither needs to hand over an array).
    private static func finish(
        _ q: BeamQuadratic, betaC: [Double], eta: [Double], nu: Double, mu: Double, c: ComplexVector?,
        h: ComplexVector?, outcome: SolverOutcome, iterations: Int, zeta: inout [Double]
    ) -> Coefficients {
        let r = q.rank
        let hi = nu
        var result = Self.make(
            q, betaC: betaC, shifted: true, eta: eta, nu: nu, mu: mu, c: c, h: h, outcome: outcome,
            iterations: iterations, zeta: &zeta)
        result.multiplier = hi
        result.shift = mu
        if h == nil && c == nil {
            // Implicit normal: f = U(β/(λ+μ) − νη/(2μ)) + (ν/(2μ))·h.
            if mu > 0 {
                for i in 0 ..< 2 * r { zeta[i] -= 0.5 * hi * eta[i] / mu }
                result.extraScale = 0.5 * hi / mu
            } else {
                result.extraScale = 0
            }
            result.extra = nil
        }
        return result
    }

    /// f = U(β/(λ+μ)) + b_⊥/μ with b = c + νh/2 and b_⊥ = (c − Uβ_c)·[c given] + (ν/2)(h − Uη):
    /// ζ = β/(λ+μ) − (β_c·[c given] + νη/2)/μ and the extra term (c·[c given] + νh/2)/μ, with
    /// β = β_c + νη/2 when `shifted` (an active half-space), else β = β_c. ζ goes to `zeta`.
    private static func make(
        _ q: BeamQuadratic, betaC: [Double], shifted: Bool, eta: [Double]?, nu: Double, mu: Double, c: ComplexVector?,
        h: ComplexVector?, outcome: SolverOutcome, iterations: Int, zeta: inout [Double]
    ) -> Coefficients {
        let r = q.rank
        resize(&zeta, 2 * r)
        @inline(__always) func beta(_ e: Int) -> Double { shifted ? betaC[e] + 0.5 * nu * eta![e] : betaC[e] }
        for i in 0..<r {
            let s = 1 / (q.eigenvalues[i] + mu)
            zeta[2 * i] = beta(2 * i) * s
            zeta[2 * i + 1] = beta(2 * i + 1) * s
        }
        let perpendicular = mu > 0 && (c != nil || (nu > 0 && h != nil))
        guard perpendicular else {
            return Coefficients(zeta: [], extraScale: 0, extra: nil, outcome: outcome, iterations: iterations)
        }
        var extra = ComplexVector(count: q.dimension)
        if let c {
            for i in 0 ..< 2 * r { zeta[i] -= (beta(i) - 0.5 * nu * (eta?[i] ?? 0)) / mu }
            extra.add(c)
        }
        if nu > 0, let h, let eta {
            for i in 0 ..< 2 * r { zeta[i] -= 0.5 * nu * eta[i] / mu }
            extra.add(h, scaledBy: 0.5 * nu)
        }
        return Coefficients(zeta: [], extraScale: 1 / mu, extra: extra, outcome: outcome, iterations: iterations)
    }

    /// ``secularShift(weights:eigenvalues:residual:norm:initial:tolerance:)`` with w_i = |β_i|² formed
    /// on the fly from the coordinates β (interleaved), without a weights array (O14).
    static func secularShift(
        coordinates beta: [Double], eigenvalues lambda: [Double], residual rho: Double, norm: Double, tolerance: Double
    ) -> Double {
        secularShift(
            count: lambda.count, weight: { beta[2 * $0] * beta[2 * $0] + beta[2 * $0 + 1] * beta[2 * $0 + 1] },
            eigenvalues: lambda, residual: rho, norm: norm, initial: nil, tolerance: tolerance)
    }

    /// μ ≥ 0 with Σ_i w_i/(λ_i + μ)² + ρ/μ² = 1, or 0 when ρ = 0 and Σ w_i/λ_i² ≤ 1.
    /// `norm` is ‖b‖ = √(Σw + ρ): μ = ‖b‖ always gives a norm ≤ 1, bracketing the root.
    static func secularShift(
        weights w: [Double], eigenvalues lambda: [Double], residual rho: Double, norm: Double, initial: Double?,
        tolerance: Double
    ) -> Double {
        secularShift(
            count: w.count, weight: { w[$0] }, eigenvalues: lambda, residual: rho, norm: norm, initial: initial,
            tolerance: tolerance)
    }

    /// The secular solve for weights w_i = `weight(i)`: Newton on 1/‖f(μ)‖ − 1 inside a bisection bracket.
    @inline(__always)
    private static func secularShift(
        count r: Int, weight w: (Int) -> Double, eigenvalues lambda: [Double], residual rho: Double, norm: Double,
        initial: Double?, tolerance: Double
    ) -> Double {
        if rho == 0 {
            var n0 = 0.0
            for i in 0..<r { n0 += w(i) / (lambda[i] * lambda[i]) }
            if n0 <= 1 { return 0 }
        }
        var lo = 0.0
        var hi = max(norm, 1e-300)
        var mu = initial.map { $0 > 0 && $0 < hi ? $0 : hi } ?? hi
        for _ in 0..<100 {
            var n2 = rho / (mu * mu)
            var d = -2 * rho / (mu * mu * mu)
            for i in 0..<r {
                let s = 1 / (lambda[i] + mu)
                let q = w(i) * s * s
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

/// The dual function of the half-space multiplier: g(ν) = Re{hᴴf(ν)} − t and its slope, in A's
/// eigencoordinates (O(r) per evaluation after one secular solve).
///
/// With d_i = λ_i + μ, β(ν) = β_c + νη/2, ρ(ν) = ρ_c + νρ_ch + ν²ρ_h/4, ρ' = ρ_ch + νρ_h/2 and the
/// secular equation F(μ, ν) = Σ|β_i|²/d_i² + ρ/μ² − 1 = 0: μ' = −F_ν/F_μ with
/// F_ν = Σ Re{β̄_iη_i}/d_i² + ρ'/μ², F_μ = −2Σ|β_i|²/d_i³ − 2ρ/μ³, and
/// g' = Σ(|η_i|²/(2d_i) − Re{η̄_iβ_i}μ'/d_i²) + ρ_h/(2μ) − ρ'μ'/μ² (μ' = 0 when μ = 0).
struct HalfSpaceDual {
    let betaC: [Double]
    let eta: [Double]
    let eigenvalues: [Double]
    let rhoC: Double
    let rhoCH: Double
    let rhoH: Double
    let offset: Double
    let tolerance: Double
    /// μ of the last evaluation (the next secular solve starts there).
    var lastMu: Double
    /// β(ν) of the last evaluation.
    var betaNu: [Double] = []
    var weights: [Double] = []

    init(
        betaC: [Double], eta: [Double], eigenvalues: [Double], rhoC: Double, rhoCH: Double, rhoH: Double,
        offset: Double, tolerance: Double, lastMu: Double
    ) {
        self.betaC = betaC
        self.eta = eta
        self.eigenvalues = eigenvalues
        self.rhoC = rhoC
        self.rhoCH = rhoCH
        self.rhoH = rhoH
        self.offset = offset
        self.tolerance = tolerance
        self.lastMu = lastMu
        betaNu = betaC
        weights = [Double](repeating: 0, count: eigenvalues.count)
    }

    mutating func evaluate(_ nu: Double) -> (value: Double, slope: Double) {
        let r = eigenvalues.count
        var bNorm2 = 0.0
        for i in 0..<r {
            let br = betaC[2 * i] + 0.5 * nu * eta[2 * i]
            let bi = betaC[2 * i + 1] + 0.5 * nu * eta[2 * i + 1]
            betaNu[2 * i] = br
            betaNu[2 * i + 1] = bi
            weights[i] = br * br + bi * bi
            bNorm2 += weights[i]
        }
        let rho = max(0, rhoC + nu * rhoCH + 0.25 * nu * nu * rhoH)
        let mu = ExactBeamStep.secularShift(
            weights: weights, eigenvalues: eigenvalues, residual: rho, norm: (bNorm2 + rho).squareRoot(),
            initial: lastMu, tolerance: tolerance)
        lastMu = mu
        let rhoPrime = rhoCH + 0.5 * nu * rhoH
        var g = 0.0, crossOverD2 = 0.0, fMu = 0.0, etaTerm = 0.0
        for i in 0..<r {
            let s = 1 / (eigenvalues[i] + mu)
            let cross = eta[2 * i] * betaNu[2 * i] + eta[2 * i + 1] * betaNu[2 * i + 1]
            g += cross * s
            crossOverD2 += cross * s * s
            fMu -= 2 * weights[i] * s * s * s
            etaTerm += 0.5 * (eta[2 * i] * eta[2 * i] + eta[2 * i + 1] * eta[2 * i + 1]) * s
        }
        guard mu > 0 else { return (g - offset, etaTerm) }
        g += rhoPrime / mu
        let fNu = crossOverD2 + rhoPrime / (mu * mu)
        fMu -= 2 * rho / (mu * mu * mu)
        let muPrime = fMu < 0 ? -fNu / fMu : 0
        let slope = etaTerm - crossOverD2 * muPrime + 0.5 * rhoH / mu - rhoPrime * muPrime / (mu * mu)
        return (g - offset, slope)
    }
}
