import ISACMath
import ISACPhysics

extension DecisionOptions {
    /// Where FP starts its beams (decision O26).
    public enum FPStart: String, Codable, Sendable, Equatable, CaseIterable {
        /// M8/M14 as before: every beam starts as the matched beam a(φ) = g/‖g‖, and so does the
        /// beam of a vehicle that joins an RSU (a heuristic flip, a greedy addition; O5).
        case matched
        /// O26: per RSU the regularised zero-forcing (MMSE-type) beams
        /// f_k ∝ (G_R G_Rᴴ + ασ² I)⁻¹ g_k over the vehicles R that hear the RSU, ‖f_k‖ = 1; a
        /// sensing beam mixed with its matched beam until ‖Πf‖² ≥ Λ_eff holds (M10).
        case regularizedZeroForcing = "rzf"
    }
}

/// FP's initial beams (decision O26): the regularised zero-forcing start.
///
/// For RSU i with the vehicles R that hear it (its own; every assigned one with inter-RSU
/// interference, M3) and channels G_R (N×m), a served vehicle k starts from
/// f_k = (G_R G_Rᴴ + α I)⁻¹ g_ik / ‖·‖ = G_R (G_RᴴG_R + α I)⁻¹ e_k / ‖·‖ (push-through identity; the
/// m×m form when m ≤ N, else the N×N one), α = ``rzfRegularization``·σ². This is FP's own beam step
/// f = (A + μI)⁻¹c (M9) with every weight |y_j|² equal: the MMSE (uplink-dual) beam for unit powers,
/// which already removes most of the intra-RSU interference that FP removes slowly from matched
/// beams (O2). A sensing beam (Λ_eff > 0, M10) whose RZF direction misses ‖Πf‖² ≥ Λ_eff starts from
/// the normalised mix (1 − t)·a + t·f_RZF with the largest t ∈ [0, 1] that meets it (the matched
/// beam a maximises ‖Πf‖², M10, so t = 0 always does when N_t = N_r); where no mix is feasible it
/// keeps a. A Cholesky failure (impossible for α > 0 up to round-off) keeps the RSU's matched beams.
extension FPState {
    /// α / σ² of the RZF start: 1 is the MMSE regulariser of unit-power beams (O26).
    static let rzfRegularization = 1.0

    /// The start beams of every assigned vehicle under `start` (nil or `.matched`: the matched beams
    /// that `init` set, untouched). The RZF beams are kept only when their sum rate is at least the
    /// matched beams' (two evaluations), so FP from this start, monotone (Lemma 2), never ends below
    /// distance-mf's decision on the same assignment, as from matched beams (M14).
    mutating func setInitialBeams(_ start: DecisionOptions.FPStart?) {
        guard start == .regularizedZeroForcing else { return }
        evaluate()
        let matchedRate = sumRate
        let matched = beams
        for i in 0..<problem.rsuCount {
            let served = (0..<k).filter { assignment[$0] == i }
            if !served.isEmpty { setRegularizedZeroForcingBeams(rsu: i, vehicles: served) }
        }
        evaluate()
        if !(sumRate >= matchedRate) {
            beams = matched
            evaluate()
        }
    }

    /// The beam of vehicle v that has just joined its RSU `assignment[v]` (a flip of the heuristic, an
    /// addition or move of greedy) under `start`: the matched beam (O5), or with
    /// `.regularizedZeroForcing` its RZF beam against every vehicle that hears that RSU now; the
    /// others' beams are untouched. Resets v's warm multipliers as ``setMatchedBeam(_:)`` does.
    mutating func setJoiningBeam(_ v: Int, start: DecisionOptions.FPStart?) {
        setMatchedBeam(v)
        if start == .regularizedZeroForcing { setRegularizedZeroForcingBeams(rsu: assignment[v], vehicles: [v]) }
    }

    /// The RZF beams (O26) of `vehicles` (all served by RSU i), written into `beams`; one zgemm for
    /// the Gram (or covariance) matrix, one `zposv`, one zgemm for the beams.
    mutating func setRegularizedZeroForcingBeams(rsu i: Int, vehicles targets: [Int]) {
        let rows = problem.interRSUInterference ? (0..<k).filter { assignment[$0] >= 0 } : (0..<k).filter { assignment[$0] == i }
        let m = rows.count
        let t = targets.count
        guard m > 0, t > 0 else { return }
        let alpha = Self.rzfRegularization * problem.noisePower
        let g = gatherColumns(problem.channelMatrices[i], rows)
        var f: [Double]
        do {
            if m <= n {
                // (G_RᴴG_R + αI) X = E_targets, then F = G_R X.
                var gram = ComplexKernels.product(.conjugateTranspose, g, lda: n, .none, g, ldb: n, m: m, n: m, k: n)
                for c in 0..<m { gram[2 * (c + c * m)] += alpha }
                var x = [Double](repeating: 0, count: 2 * m * t)
                for (s, v) in targets.enumerated() {
                    guard let c = rows.firstIndex(of: v) else { preconditionFailure("a target hears its RSU") }
                    x[2 * (c + s * m)] = 1
                }
                try LAPACK.solveHermitianPositiveDefinite(&gram, n: m, &x, rightHandSides: t)
                f = ComplexKernels.product(.none, g, lda: n, .none, x, ldb: m, m: n, n: t, k: m)
            } else {
                // (G_R G_Rᴴ + αI) F = G_targets.
                var covariance = ComplexKernels.product(.none, g, lda: n, .conjugateTranspose, g, ldb: n, m: n, n: n, k: m)
                for e in 0..<n { covariance[2 * (e + e * n)] += alpha }
                f = gatherColumns(problem.channelMatrices[i], targets)
                try LAPACK.solveHermitianPositiveDefinite(&covariance, n: n, &f, rightHandSides: t)
            }
        } catch {
            return  // keep the matched beams (O26)
        }
        let n2 = 2 * n
        for (s, v) in targets.enumerated() {
            var norm2 = 0.0
            for e in 0..<n2 { norm2 += f[n2 * s + e] * f[n2 * s + e] }
            guard norm2 > 0, norm2.isFinite else { continue }
            let scale = 1 / norm2.squareRoot()
            var r = ComplexVector(interleaved: Array(f[n2 * s ..< n2 * (s + 1)]))
            for e in 0..<n2 { r.storage[e] *= scale }
            let lambda = problem.effectiveSensingRequirements[i][v]
            if lambda > 0, let pi = problem.sensingOperator(rsu: i, vehicle: v) {
                if let mixed = Self.sensingFeasibleMix(matched: beam(v), target: r, operator: pi, requirement: lambda) {
                    setBeam(v, mixed)
                }  // else: the matched beam set before stays
            } else {
                setBeam(v, r)
            }
        }
    }

    /// The unit beam (1 − t)a + t·r normalised, with the largest t ∈ [0, 1] for which
    /// ‖Πf‖² ≥ Λ (O26); nil when even t = 0 misses it. h(t) = ‖Πx(t)‖² − Λ‖x(t)‖² is a quadratic in
    /// t, fixed by its values at 0, ½ and 1; the root is backed off by 1e-6 relative and the result
    /// checked (halving t up to 20 times) so the returned beam is feasible as evaluated.
    static func sensingFeasibleMix(
        matched a: ComplexVector, target r: ComplexVector, operator pi: SensingOperator, requirement lambda: Double
    ) -> ComplexVector? {
        func mix(_ t: Double) -> ComplexVector {
            var x = ComplexVector(count: a.count)
            for e in 0..<x.storage.count { x.storage[e] = (1 - t) * a.storage[e] + t * r.storage[e] }
            return x
        }
        func h(_ x: ComplexVector) -> Double { pi.sensitivity(x) - lambda * x.normSquared }
        func feasibleUnit(_ t: Double) -> ComplexVector? {
            let x = mix(t)
            let norm2 = x.normSquared
            guard norm2 > 0 else { return nil }
            let unit = x.scaled(by: 1 / norm2.squareRoot())
            return pi.sensitivity(unit) >= lambda ? unit : nil
        }
        if let whole = feasibleUnit(1) { return whole }
        let h0 = h(a), h1 = h(r), hHalf = h(mix(0.5))
        guard h0 > 0 else { return feasibleUnit(0) }
        // h(t) = q t² + p t + h0 with q + p = h1 − h0 and q/4 + p/2 = hHalf − h0.
        let q = 2 * (h1 + h0 - 2 * hHalf)
        let p = h1 - h0 - q
        var root: Double
        if abs(q) < 1e-14 * (abs(p) + abs(h0)) {
            root = -h0 / p
        } else {
            let disc = max(0, p * p - 4 * q * h0)
            // The root in (0, 1): h(0) > 0 > h(1), so exactly one; the stable form of each branch.
            let s = p >= 0 ? -(p + disc.squareRoot()) / 2 : -(p - disc.squareRoot()) / 2
            let r1 = s / q, r2 = h0 / s
            root = (0 < r1 && r1 < 1) ? r1 : r2
        }
        guard root.isFinite else { return feasibleUnit(0) }
        var t = min(max(root, 0), 1) * (1 - 1e-6)
        for _ in 0..<20 {
            if let f = feasibleUnit(t) { return f }
            t *= 0.5
        }
        return feasibleUnit(0)
    }
}
