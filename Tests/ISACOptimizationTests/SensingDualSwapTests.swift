import Foundation
import ISACMath
import ISACPhysics
import Testing

@testable import ISACOptimization

/// Decision O22: the dual sensing step with the nesting swapped — ν(μ) in closed form (a two-term
/// secular equation) and Newton's method on μ alone. Checked against independent computations:
/// a bisection root of fᴴPf(μ, ν) = Λ_t over ν, central differences of ‖f(μ, ν(μ))‖² and ν(μ),
/// the explicit 2×2 matrix, and SCA as the fallback.
@Suite struct SensingDualSwapTests {
    typealias Dual = SensingDualStepTests

    /// E·diag(τ)·Eᴴ reproduces the matrix, E is unitary and τ₁ ≥ τ₂, including diagonal,
    /// rank-one and nearly equal-eigenvalue matrices.
    @Test func hermitianEigendecompositionReconstructs() {
        var rng = Xoshiro256StarStar(seed: 5, stream: 22)
        var cases: [Hermitian2x2] = [
            Hermitian2x2(a: 2, b: 2, c: .zero), Hermitian2x2(a: 1, b: 3, c: .zero), Hermitian2x2(a: 3, b: 1, c: .zero),
            Hermitian2x2(a: 1, b: 1, c: SmallComplex(1, 0)),  // rank one
            Hermitian2x2(a: 1, b: 1 + 1e-12, c: SmallComplex(1e-9, -1e-9)),
        ]
        for _ in 0..<50 {
            let a = rng.nextUniform() * 4, b = rng.nextUniform() * 4
            cases.append(Hermitian2x2(a: a, b: b, c: SmallComplex(rng.nextUniform() * 2 - 1, rng.nextUniform() * 2 - 1)))
        }
        for m in cases {
            let e = Hermitian2x2Eigen(m)
            #expect(e.tau1 >= e.tau2)
            let scale = abs(m.a) + abs(m.b) + m.c.magnitudeSquared.squareRoot()
            // Columns of M·E against τ·E, and EᴴE = I.
            for (v, tau) in [(e.e1, e.tau1), (e.e2, e.tau2)] {
                let mv = m * v
                let residual = (mv - tau * v).normSquared.squareRoot()
                #expect(residual <= 1e-14 * scale + 1e-300, "‖Mv − τv‖ = \(residual) for \(m)")
                #expect(abs(v.normSquared - 1) <= 1e-14)
            }
            #expect(e.e1.inner(e.e2).magnitudeSquared.squareRoot() <= 1e-15)
            #expect(abs(e.tau1 + e.tau2 - (m.a + m.b)) <= 1e-14 * scale)
        }
    }

    /// ν(μ) of ``SensingMultiplier`` against a bisection root of fᴴPf(μ, ν) − Λ_t on [0, ν_pole),
    /// with fᴴPf re-formed from f's coordinates (``SensingDual/evaluate(mu:nu:)``), and ν = 0 exactly
    /// when fᴴPf(μ, 0) ≥ Λ_t. Several μ around the optimum, null space and full rank.
    @Test(arguments: [(8, 5, 0.9), (8, 12, 0.95), (6, 2, 0.99), (12, 7, 0.5)])
    func closedFormMultiplierMatchesBisection(n: Int, m: Int, fraction: Double) throws {
        var checked = 0, inactive = 0
        for seed in UInt64(1)...8 {
            let c = Dual.makeCase(n: n, m: m, seed: seed + 400, fraction: fraction)
            var dual = Dual.dualFunction(c, Dual.subspace(c))
            let muStar = Dual.dualBeam(c)?.mu ?? 1
            for mu in [0.5 * muStar + 1e-3, muStar + 1e-6, 2 * muStar + 1e-2] {
                guard let p = dual.evaluate(mu: mu) else { continue }
                guard let atZero = dual.evaluate(mu: mu, nu: 0) else { continue }
                if atZero.sensitivity >= dual.target * (1 + 1e-12) {
                    #expect(p.nu == 0, "sensing met at ν = 0 but ν(μ) = \(p.nu)")
                    inactive += 1
                    continue
                }
                // Bracket: fᴴPf grows without bound towards the pole 1/τ₁; bisect in ν.
                var lo = 0.0, hi = 1.0
                while let q = dual.evaluate(mu: mu, nu: hi), q.sensitivity < dual.target { lo = hi; hi *= 2 }
                for _ in 0..<200 {
                    let mid = 0.5 * (lo + hi)
                    if let q = dual.evaluate(mu: mu, nu: mid), q.sensitivity < dual.target { lo = mid } else { hi = mid }
                }
                #expect(abs(p.nu - lo) <= 1e-9 * lo, "ν(μ) = \(p.nu), bisection \(lo)")
                // fᴴPf at ν(μ), re-formed from f's coordinates, meets Λ_t.
                let stable = dual.evaluate(mu: mu, nu: p.nu)
                let q = try #require(stable)
                #expect(abs(q.sensitivity - dual.target) <= 1e-10 * dual.target)
                #expect(abs(p.sensitivity - q.sensitivity) <= 1e-10 * dual.target)
                #expect(abs(p.norm2 - q.norm2) <= 1e-9 * q.norm2, "expanded ‖f‖² \(p.norm2) vs stable \(q.norm2)")
                checked += 1
            }
        }
        #expect(checked >= 8, "only \(checked) points with an active sensing constraint (\(inactive) inactive)")
    }

    /// Along ν(μ): d‖f‖²/dμ = −φ''(μ) (the Schur complement g_μμ − g_μν²/g_νν, ``SensingDual/Point/curvature``)
    /// and dν/dμ = −g_μν/g_νν, against central differences of the closed-form ν(μ) and the stable ‖f‖².
    @Test(arguments: [(8, 5), (8, 12), (6, 2)])
    func totalDerivativesMatchFiniteDifferences(n: Int, m: Int) throws {
        var checked = 0
        for seed in UInt64(1)...8 {
            let c = Dual.makeCase(n: n, m: m, seed: seed + 700, fraction: 0.9)
            var dual = Dual.dualFunction(c, Dual.subspace(c))
            guard let opt = Dual.dualBeam(c), opt.nu > 0 else { continue }
            for mu in [opt.mu * 1.1 + 1e-3, opt.mu * 0.95 + 1e-3] {
                guard let p = dual.evaluate(mu: mu), p.nu > 0 else { continue }
                let h = 1e-5 * mu
                let points = (dual.evaluate(mu: mu + h), dual.evaluate(mu: mu - h))
                let up = try #require(points.0), down = try #require(points.1)
                guard up.nu > 0, down.nu > 0 else { continue }
                let stable = (
                    dual.evaluate(mu: mu + h, nu: up.nu), dual.evaluate(mu: mu - h, nu: down.nu))
                let upNorm = try #require(stable.0).norm2, downNorm = try #require(stable.1).norm2
                let dNorm = (upNorm - downNorm) / (2 * h)
                let dNu = (up.nu - down.nu) / (2 * h)
                // Truncation O(h²) relative 1e-10; round-off ≈ 1e-16·‖f‖²/h.
                #expect(abs(dNorm + p.curvature) <= 1e-5 * abs(p.curvature) + 1e-9 * p.norm2 / h, "d‖f‖²/dμ \(dNorm) vs \(-p.curvature)")
                #expect(abs(dNu - p.multiplierSlope) <= 1e-5 * abs(p.multiplierSlope) + 1e-9 * p.nu / h, "dν/dμ \(dNu) vs \(p.multiplierSlope)")
                #expect(p.curvature > 0, "φ'' = \(p.curvature): the partial minimum is convex")
                checked += 1
            }
        }
        #expect(checked >= 6, "only \(checked) points with an active sensing constraint")
    }

    /// The hard case of ν(μ): a₁ = |e₁ᴴv₁|² = 0 and the second term alone cannot reach Λ_t before
    /// the pole 1/τ₁ — no root, nil (the caller falls back to SCA); with a₁ > 0 the root is found
    /// however close to the pole, and ν = 0 when ‖v₁‖² ≥ Λ_t.
    @Test func multiplierHardCaseAndPole() throws {
        let t = Hermitian2x2Eigen(Hermitian2x2(a: 2, b: 0.5, c: .zero))  // τ = 2, 0.5, e₁ = (1, 0)
        let target = 1.0
        // v₁ ⟂ e₁: fᴴPf = a₂/(1 − ν/2)² ≤ a₂/(1 − 1/4)² = 0.16/0.5625 < 1 on [0, 1/2).
        #expect(SensingMultiplier(v1: SmallVector2(x: .zero, y: SmallComplex(0.4, 0)), eigen: t, target: target) == nil)
        // The same with a₂ large enough: the root of a₂/(1 − ν/2)² = 1 lies inside [0, 1/2).
        let reachable = try #require(
            SensingMultiplier(v1: SmallVector2(x: .zero, y: SmallComplex(0.9, 0)), eigen: t, target: target))
        #expect(abs(reachable.nu - 2 * (1 - 0.9)) <= 1e-14)
        // a₁ = 1e-20: the root sits at 1 − 2ν = 1e-10 (a₁/(1 − 2ν)² = 1 up to the a₂ term).
        let pole = try #require(
            SensingMultiplier(v1: SmallVector2(x: SmallComplex(1e-10, 0), y: .zero), eigen: t, target: target))
        #expect(abs(pole.k1 - 1e-10) <= 1e-12 * 1e-10 + 1e-24)
        #expect(abs(pole.sensitivity - target) <= 1e-13)
        // Inactive.
        let inactive = try #require(
            SensingMultiplier(v1: SmallVector2(x: SmallComplex(0.8, 0), y: SmallComplex(0, 0.7)), eigen: t, target: target))
        #expect(inactive.nu == 0)
    }

    /// The dual solve from many warm starts (μ far below and above the optimum, as FP hands over)
    /// returns the same certified beam as the cold solve, in few evaluations.
    @Test(arguments: [(8, 5, 0.95), (8, 12, 0.9), (6, 2, 0.99)])
    func warmStartsReachTheSameOptimum(n: Int, m: Int, fraction: Double) throws {
        for seed in UInt64(1)...6 {
            let c = Dual.makeCase(n: n, m: m, seed: seed + 1500, fraction: fraction)
            guard let cold = Dual.dualBeam(c) else { continue }
            for factor in [1e-3, 0.5, 0.99, 1.01, 2, 1e3] {
                let warm = try #require(Dual.dualBeam(c, warm: (cold.mu * factor + 1e-12, 0)), "warm start ×\(factor)")
                #expect((warm.f - cold.f).norm <= 1e-7, "‖Δf‖ = \((warm.f - cold.f).norm) from μ × \(factor)")
                #expect(abs(warm.nu - cold.nu) <= 1e-6 * (cold.nu + 1e-12))
            }
            var dual = Dual.dualFunction(c, Dual.subspace(c))
            let end = dual.minimise(from: cold.mu * 1.01)
            #expect(end != nil)
            #expect(dual.evaluations <= 6, "\(dual.evaluations) evaluations from 1 % off the optimum")
        }
    }

    /// When the dual solve fails the FP block update falls back to SCA (M10/O9): with the dual
    /// step's iteration limit forced to zero evaluations (`maxEvaluations`), every sensing beam of an
    /// FP run takes the SCA step, and the run equals the SCA run bit for bit.
    @Test func failedDualSolvesFallBackToSCA() throws {
        var dualOptions = DecisionOptions.standard
        dualOptions.sensingStep = .dual
        let problem = TestProblems.drop(vehicles: 10, seed: 2300, antennas: 8, sensingFraction: 0.9, options: dualOptions)
        let sca = FractionalProgramming(options: .standard).solve(problem, assignment: problem.nearestAssignment)
        let failing = SensingDual.$evaluationLimit.withValue(0) {
            FractionalProgramming(options: dualOptions).solve(problem, assignment: problem.nearestAssignment)
        }
        #expect(failing.sensingDualSteps > 0)
        #expect(failing.sensingDualFallbacks == failing.sensingDualSteps)
        #expect(failing.sumRate == sca.sumRate)
        #expect(failing.iterations == sca.iterations)
        let working = FractionalProgramming(options: dualOptions).solve(problem, assignment: problem.nearestAssignment)
        #expect(working.sensingDualFallbacks * 100 <= working.sensingDualSteps)
    }
}
