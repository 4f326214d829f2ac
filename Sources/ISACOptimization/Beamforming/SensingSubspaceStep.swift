import ISACMath
import ISACPhysics

/// The SCA beam step of M10 repeated inside one FP iteration, in A's eigencoordinates (decision O9).
///
/// Π(φ)ᴴΠ(φ)f = a·(b'ᴴw) + a'·(bᴴw) with w = Πf = b'(aᴴf) + b(a'ᴴf), so every SCA normal
/// h = ΠᴴΠf₀ lies in span{a, a'}. Write a = U·p_a + a_⊥, a' = U·p_a' + a'_⊥ (U: A's kept
/// eigenbasis). For the FP case c ∈ range(A), the exact step returns f = Uζ + κh, so every beam
/// met while re-linearising has the form f = Uz + a_⊥π₁ + a'_⊥π₂, and
/// aᴴf = p_aᴴz + q₁₁π₁ + q₁₂π₂, a'ᴴf = p_a'ᴴz + q̄₁₂π₁ + q₂₂π₂ with Q_⊥ = [a_⊥ a'_⊥]ᴴ[a_⊥ a'_⊥]
/// = G − [p_a p_a']ᴴ[p_a p_a'] (G the Gram matrix of a, a'). Hence a further linearisation
/// (new h, t, Uᴴh = p_a c₁ + p_a' c₂, ‖h‖² = cᴴGc) and its exact step cost O(r), with no
/// N-vector formed. Each SCA step keeps the beam feasible (the new half-space contains it) and
/// does not decrease the beam-step objective 2Re{cᴴf} − fᴴAf, so FP's block ascent (Lemma 2)
/// is kept; a round-off decrease ends the loop with the previous beam.
struct SensingSubspaceStep {
    /// r×2 interleaved: column 0 is Uᴴa, column 1 is Uᴴa' (a slice of the RSU's batch, not copied).
    let coordinates: ArraySlice<Double>
    let rank: Int
    /// G = [[‖a‖², aᴴa'], [a'ᴴa, ‖a'‖²]].
    let g11: Double, g22: Double, g12: (re: Double, im: Double)
    /// Q_⊥ (diagonal clamped at 0).
    let q11: Double, q22: Double, q12: (re: Double, im: Double)
    /// ‖b'‖², ‖b‖², b'ᴴb of the receive side.
    let bPrime2: Double, b2: Double, x: (re: Double, im: Double)
    let requirement: Double

    /// - Parameter coordinates: r×2 interleaved [Uᴴa, Uᴴa'] (batched by the caller).
    init(operator pi: SensingOperator, requirement lambda: Double, coordinates: ArraySlice<Double>, rank r: Int) {
        self.coordinates = coordinates
        rank = r
        requirement = lambda
        let a = pi.a, ap = pi.aPrime
        g11 = a.normSquared
        g22 = ap.normSquared
        g12 = a.innerProduct(ap)
        bPrime2 = pi.bPrime.normSquared
        b2 = pi.b.normSquared
        x = pi.bPrime.innerProduct(pi.b)
        var p11 = 0.0, p22 = 0.0, p12r = 0.0, p12i = 0.0
        let o = coordinates.startIndex
        let p = coordinates
        for i in 0..<r {
            let ar = p[o + 2 * i], ai = p[o + 2 * i + 1], br = p[o + 2 * (r + i)], bi = p[o + 2 * (r + i) + 1]
            p11 += ar * ar + ai * ai
            p22 += br * br + bi * bi
            p12r += ar * br + ai * bi  // conj(p_a)·p_a'
            p12i += ar * bi - ai * br
        }
        q11 = max(0, g11 - p11)
        q22 = max(0, g22 - p22)
        q12 = (g12.re - p12r, g12.im - p12i)
    }

    /// The result: f = U·zeta + a·π₁ + a'·π₂.
    struct Beam {
        var zeta: [Double]
        var pi1: (re: Double, im: Double)
        var pi2: (re: Double, im: Double)
        var multiplier: Double
        var shift: Double
        var outcome: SolverOutcome
    }

    /// Up to `maxSteps` SCA linearisations from the beam with aᴴf₀ = η, a'ᴴf₀ = η'.
    func solve(
        _ exact: ExactBeamStep, quadratic q: BeamQuadratic, factorColumn j: Int, scale alpha: (re: Double, im: Double),
        eta e0: (re: Double, im: Double), etaPrime ep0: (re: Double, im: Double), initialMultiplier: Double,
        initialShift: Double, maxSteps: Int
    ) -> Beam {
        var scratch = Scratch()
        var b = solve(
            exact, quadratic: q, factorColumn: j, scale: alpha, eta: e0, etaPrime: ep0,
            initialMultiplier: initialMultiplier, initialShift: initialShift, maxSteps: maxSteps, scratch: &scratch)
        b.zeta = scratch.z
        return b
    }

    /// Reused storage of ``solve(_:quadratic:factorColumn:scale:eta:etaPrime:initialMultiplier:initialShift:maxSteps:scratch:)``,
    /// one per RSU beam update, so the SCA loop allocates nothing per beam or step (O14).
    struct Scratch {
        var betaC: [Double] = []
        /// The result: ζ of f = U·ζ + a·π₁ + a'·π₂.
        var z: [Double] = []
        var zNew: [Double] = []
        var etaH: [Double] = []
        var zeta: [Double] = []
        /// The per-eigenvalue products of the dual step (O21).
        var dualTerms: [Double] = []

        mutating func prepare(rank r: Int) {
            if z.count != 2 * r { z = [Double](repeating: 0, count: 2 * r) }
            if zNew.count != 2 * r { zNew = [Double](repeating: 0, count: 2 * r) }
            if etaH.count != 2 * r { etaH = [Double](repeating: 0, count: 2 * r) }
        }
    }

    /// The same, with ζ left in `scratch.z` (the returned `zeta` is empty).
    func solve(
        _ exact: ExactBeamStep, quadratic q: BeamQuadratic, factorColumn j: Int, scale alpha: (re: Double, im: Double),
        eta e0: (re: Double, im: Double), etaPrime ep0: (re: Double, im: Double), initialMultiplier: Double,
        initialShift: Double, maxSteps: Int, scratch: inout Scratch
    ) -> Beam {
        let r = rank
        let o = coordinates.startIndex
        let p = coordinates
        let lambda = q.eigenvalues
        scratch.prepare(rank: r)
        q.coordinates(factorColumn: j, scale: alpha, into: &scratch.betaC)
        var betaC: [Double] = [], z: [Double] = [], zNew: [Double] = [], etaH: [Double] = [], zeta: [Double] = []
        swap(&betaC, &scratch.betaC)
        swap(&z, &scratch.z)
        swap(&zNew, &scratch.zNew)
        swap(&etaH, &scratch.etaH)
        swap(&zeta, &scratch.zeta)
        defer {
            swap(&betaC, &scratch.betaC)
            swap(&z, &scratch.z)
            swap(&zNew, &scratch.zNew)
            swap(&etaH, &scratch.etaH)
            swap(&zeta, &scratch.zeta)
        }
        for i in 0 ..< 2 * r { z[i] = 0 }
        var e = e0, ep = ep0
        var pi1 = (re: 0.0, im: 0.0), pi2 = (re: 0.0, im: 0.0)
        var nu = initialMultiplier
        var mu = initialShift
        var outcome = SolverOutcome.converged
        var previous = -Double.infinity
        for step in 0..<max(1, maxSteps) {
            // c₁ = b'ᴴw = ‖b'‖²η + xη', c₂ = bᴴw = x̄η + ‖b‖²η'.
            let c1 = (re: bPrime2 * e.re + x.re * ep.re - x.im * ep.im, im: bPrime2 * e.im + x.re * ep.im + x.im * ep.re)
            let c2 = (re: x.re * e.re + x.im * e.im + b2 * ep.re, im: x.re * e.im - x.im * e.re + b2 * ep.im)
            // ‖Πf₀‖² = ‖b'‖²|η|² + ‖b‖²|η'|² + 2Re{η̄ x η'}.
            let xe = (re: x.re * ep.re - x.im * ep.im, im: x.re * ep.im + x.im * ep.re)
            let sensitivity = bPrime2 * (e.re * e.re + e.im * e.im) + b2 * (ep.re * ep.re + ep.im * ep.im)
                + 2 * (e.re * xe.re + e.im * xe.im)
            let t = (requirement + sensitivity) / 2
            for i in 0..<r {
                let ar = p[o + 2 * i], ai = p[o + 2 * i + 1], br = p[o + 2 * (r + i)], bi = p[o + 2 * (r + i) + 1]
                etaH[2 * i] = ar * c1.re - ai * c1.im + br * c2.re - bi * c2.im
                etaH[2 * i + 1] = ar * c1.im + ai * c1.re + br * c2.im + bi * c2.re
            }
            // ‖h‖² = G₁₁|c₁|² + G₂₂|c₂|² + 2Re{c̄₁ G₁₂ c₂}.
            let gc2 = (re: g12.re * c2.re - g12.im * c2.im, im: g12.re * c2.im + g12.im * c2.re)
            let h2 = g11 * (c1.re * c1.re + c1.im * c1.im) + g22 * (c2.re * c2.re + c2.im * c2.im)
                + 2 * (c1.re * gc2.re + c1.im * gc2.im)
            let k = exact.coefficients(
                q, betaC: betaC, normalCoordinates: etaH, normalNormSquared: h2, offset: t, initialMultiplier: nu,
                initialShift: mu, zeta: &zeta)
            // f = U(ζ + κη_h) + κ(a_⊥c₁ + a'_⊥c₂).
            let kappa = k.extraScale
            var objective = 0.0
            for i in 0..<r {
                let zr = zeta[2 * i] + kappa * etaH[2 * i], zi = zeta[2 * i + 1] + kappa * etaH[2 * i + 1]
                zNew[2 * i] = zr
                zNew[2 * i + 1] = zi
                objective += 2 * (betaC[2 * i] * zr + betaC[2 * i + 1] * zi) - lambda[i] * (zr * zr + zi * zi)
            }
            if step > 0 && !(objective >= previous) { break }  // round-off: keep the previous beam
            swap(&z, &zNew)
            pi1 = (kappa * c1.re, kappa * c1.im)
            pi2 = (kappa * c2.re, kappa * c2.im)
            nu = k.multiplier
            mu = k.shift
            outcome = k.outcome
            // Inactive half-space (the unconstrained step is feasible) or empty: nothing to gain.
            if k.outcome == .infeasible || k.multiplier == 0 { break }
            if step > 0 && objective - previous <= 1e-12 * abs(objective) { break }
            previous = objective
            // aᴴf and a'ᴴf of the new beam.
            var sa = (re: q11 * pi1.re + q12.re * pi2.re - q12.im * pi2.im, im: q11 * pi1.im + q12.re * pi2.im + q12.im * pi2.re)
            var sb = (re: q12.re * pi1.re + q12.im * pi1.im + q22 * pi2.re, im: q12.re * pi1.im - q12.im * pi1.re + q22 * pi2.im)
            for i in 0..<r {
                let ar = p[o + 2 * i], ai = p[o + 2 * i + 1], br = p[o + 2 * (r + i)], bi = p[o + 2 * (r + i) + 1]
                let zr = z[2 * i], zi = z[2 * i + 1]
                sa.re += ar * zr + ai * zi
                sa.im += ar * zi - ai * zr
                sb.re += br * zr + bi * zi
                sb.im += br * zi - bi * zr
            }
            e = sa
            ep = sb
        }
        // U z + a_⊥π₁ + a'_⊥π₂ = U(z − p_aπ₁ − p_a'π₂) + aπ₁ + a'π₂.
        for i in 0..<r {
            let ar = p[o + 2 * i], ai = p[o + 2 * i + 1], br = p[o + 2 * (r + i)], bi = p[o + 2 * (r + i) + 1]
            z[2 * i] -= ar * pi1.re - ai * pi1.im + br * pi2.re - bi * pi2.im
            z[2 * i + 1] -= ar * pi1.im + ai * pi1.re + br * pi2.im + bi * pi2.re
        }
        return Beam(zeta: [], pi1: pi1, pi2: pi2, multiplier: nu, shift: mu, outcome: outcome)
    }
}
