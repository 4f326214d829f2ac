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
                var samples = 0
                while samples < 200 {
                    let z = TestProblems.randomBallPoint(n, using: &rng)
                    if let hs, !hs.contains(z) { continue }
                    samples += 1
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

    /// The K×K form and the N×N form describe the same A: A·x from the eigenbasis equals W(Wᴴx).
    @Test func eigenbasisReproducesTheMatrix() {
        var rng = Xoshiro256StarStar(seed: 5)
        for m in [2, 5, 7] {
            let q = TestProblems.randomQuadratic(n: 5, m: m, using: &rng)
            let x = TestProblems.randomVector(5, using: &rng)
            let (beta, _) = q.split(x)
            // U diag(λ) Uᴴ x, assembled as U·(λ β) via `assemble` with shift 0 on λ²-scaled β.
            var scaled = beta
            for i in 0..<q.rank {
                scaled[2 * i] *= q.eigenvalues[i] * q.eigenvalues[i]
                scaled[2 * i + 1] *= q.eigenvalues[i] * q.eigenvalues[i]
            }
            let ax = q.assemble(beta: scaled, perpendicular: ComplexVector(count: 5), shift: 0)
            #expect((ax - q.apply(x)).norm <= 1e-10 * q.apply(x).norm)
        }
    }
}
