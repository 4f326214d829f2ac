import ISACMath
import Testing

@testable import ISACOptimization

/// The beam step of M9/M10: exact solution against its optimality conditions, PGA against exact.
@Suite struct BeamStepTests {
    static func objective(_ q: BeamQuadratic, _ c: ComplexVector, _ f: ComplexVector) -> Double {
        2 * c.innerProduct(f).re - f.innerProduct(q.apply(f)).re
    }

    /// For a concave maximisation over a convex set C, f is optimal iff Re⟨c − Af, z − f⟩ ≤ 0 for
    /// all z ∈ C; checked on sampled z (K×K form m < N and full form m ≥ N, with and without the
    /// half-space).
    @Test(arguments: [(6, 3), (6, 9), (4, 1)])
    func exactStepIsOptimal(n: Int, m: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(17 * n + m))
        for trial in 0..<10 {
            let q = TestProblems.randomQuadratic(n: n, m: m, using: &rng)
            let c = TestProblems.randomVector(n, scale: trial % 2 == 0 ? 0.3 : 3, using: &rng)
            let h = TestProblems.randomVector(n, using: &rng)
            let halfSpaces: [HalfSpace?] = [nil, HalfSpace(normal: h, offset: 0.7 * h.norm)]
            for hs in halfSpaces {
                let r = ExactBeamStep().solve(quadratic: q, linear: c, halfSpace: hs, start: ComplexVector(count: n))
                #expect(r.outcome == .converged)
                let f = r.beam
                #expect(f.normSquared <= 1 + 1e-12)
                if let hs { #expect(hs.contains(f, slack: 1e-10 * h.norm)) }
                let gradient = c - q.apply(f)
                let scale = gradient.norm + c.norm
                for _ in 0..<200 {
                    let z = hs.map { TestProblems.randomFeasiblePoint($0, using: &rng) }
                        ?? TestProblems.randomBallPoint(n, using: &rng)
                    #expect(gradient.innerProduct(z - f).re <= 1e-7 * scale)
                    #expect(Self.objective(q, c, f) >= Self.objective(q, c, z) - 1e-9 * scale)
                }
            }
        }
    }

    /// The paper's PGA converges to the exact step: objectives agree to 1e-6 relative.
    @Test(arguments: [(6, 3), (6, 9)])
    func projectedGradientAgreesWithExact(n: Int, m: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(31 * n + m))
        let pga = ProjectedGradientBeamStep(tolerance: 1e-14, maxSteps: 500_000)
        for _ in 0..<5 {
            let q = TestProblems.randomQuadratic(n: n, m: m, using: &rng)
            let c = TestProblems.randomVector(n, using: &rng)
            let h = TestProblems.randomVector(n, using: &rng)
            for hs in [nil, HalfSpace(normal: h, offset: 0.5 * h.norm)] as [HalfSpace?] {
                let start = hs.map { $0.normal.scaled(by: 1 / $0.normal.norm) } ?? ComplexVector(count: n)
                let exact = ExactBeamStep().solve(quadratic: q, linear: c, halfSpace: hs, start: start)
                let approx = pga.solve(quadratic: q, linear: c, halfSpace: hs, start: start)
                let a = Self.objective(q, c, exact.beam), b = Self.objective(q, c, approx.beam)
                #expect(abs(a - b) <= 1e-6 * abs(a), "exact \(a) vs PGA \(b)")
                #expect(b <= a + 1e-9 * abs(a))
            }
        }
    }

    /// Both eigenbasis forms (K×K: m ≤ N, and N×N) reproduce A: U·diag(λ)·Uᴴx equals W(Wᴴx), and
    /// the closed-form coordinates of a factor column equal the projected ones.
    @Test func eigenbasisReproducesTheMatrix() {
        var rng = Xoshiro256StarStar(seed: 5)
        for m in [2, 5, 7] {
            let q = TestProblems.randomQuadratic(n: 5, m: m, using: &rng)
            let x = TestProblems.randomVector(5, using: &rng)
            var beta = q.coordinates(of: x)
            for i in 0..<q.rank {
                beta[2 * i] *= q.eigenvalues[i]
                beta[2 * i + 1] *= q.eigenvalues[i]
            }
            let ax = q.assemble(beta)
            #expect((ax - q.apply(x)).norm <= 1e-10 * q.apply(x).norm)
            let w1 = ComplexVector(interleaved: Array(q.factor[10..<20])).scaled(by: (0.3, -0.7))
            let fast = q.coordinates(factorColumn: 1, scale: (0.3, -0.7))
            let slow = q.coordinates(of: w1)
            for (a, b) in zip(fast, slow) { #expect(abs(a - b) <= 1e-10 * w1.norm) }
        }
    }

    /// The FP fast path (c a factor column) and the general path give the same beam.
    @Test func factorColumnPathMatchesGeneralPath() {
        var rng = Xoshiro256StarStar(seed: 8)
        for m in [3, 8] {
            let q = TestProblems.randomQuadratic(n: 6, m: m, using: &rng)
            let h = TestProblems.randomVector(6, using: &rng)
            let c = ComplexVector(interleaved: Array(q.factor[24..<36])).scaled(by: (1.5, 0.5))
            for hs in [nil, HalfSpace(normal: h, offset: 0.6 * h.norm)] as [HalfSpace?] {
                let a = ExactBeamStep().solve(quadratic: q, linear: c, halfSpace: hs, start: ComplexVector(count: 6))
                let b = ExactBeamStep().solve(
                    quadratic: q, factorColumn: 2, scale: (1.5, 0.5), halfSpace: hs, start: ComplexVector(count: 6))
                #expect((a.beam - b.beam).norm <= 1e-8)
            }
        }
    }

    /// The analytic slope of the half-space dual g(ν) against central differences (relative step
    /// 1e-5, tolerance 1e-5 relative), with and without parts outside range(A).
    @Test(arguments: [(6, 3), (6, 9)])
    func dualSlopeMatchesFiniteDifferences(n: Int, m: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(41 * n + m))
        for trial in 0..<6 {
            let q = TestProblems.randomQuadratic(n: n, m: m, using: &rng)
            let c = TestProblems.randomVector(n, using: &rng)
            let h = TestProblems.randomVector(n, using: &rng)
            let betaC = q.coordinates(of: c), eta = q.coordinates(of: h)
            var bc = 0.0, ee = 0.0, be = 0.0
            for i in 0..<q.rank {
                bc += betaC[2 * i] * betaC[2 * i] + betaC[2 * i + 1] * betaC[2 * i + 1]
                ee += eta[2 * i] * eta[2 * i] + eta[2 * i + 1] * eta[2 * i + 1]
                be += betaC[2 * i] * eta[2 * i] + betaC[2 * i + 1] * eta[2 * i + 1]
            }
            let rhoC = max(0, c.normSquared - bc), rhoH = max(0, h.normSquared - ee)
            let rhoCH = m < n ? h.innerProduct(c).re - be : 0
            var dual = HalfSpaceDual(
                betaC: betaC, eta: eta, eigenvalues: q.eigenvalues, rhoC: m < n ? rhoC : 0, rhoCH: rhoCH,
                rhoH: m < n ? rhoH : 0, offset: 0.3, tolerance: 1e-14, lastMu: 1)
            let nu = 0.5 + Double(trial)
            let d = 1e-5 * nu
            let analytic = dual.evaluate(nu).slope
            let numeric = (dual.evaluate(nu + d).value - dual.evaluate(nu - d).value) / (2 * d)
            #expect(abs(analytic - numeric) <= 1e-5 * max(abs(numeric), 1e-3), "analytic \(analytic) vs \(numeric)")
        }
    }
}
