import ISACMath
import Testing

@testable import ISACOptimization

/// The projection onto ball ∩ half-space against the variational characterisation of a
/// projection: p is feasible and Re⟨x − p, z − p⟩ ≤ 0 for every feasible z (checked on sampled z),
/// hence also ‖x − p‖ ≤ ‖x − z‖ (brute force).
@Suite struct BallHalfSpaceProjectionTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func projectionSatisfiesTheVariationalInequality(seed: UInt64) throws {
        var rng = Xoshiro256StarStar(seed: seed)
        let n = 4
        for trial in 0..<20 {
            let x = TestProblems.randomVector(n, scale: trial % 2 == 0 ? 0.5 : 2, using: &rng)
            let h = TestProblems.randomVector(n, using: &rng)
            // Offsets from slack to nearly tangent: t/‖h‖ in (−0.5, 0.95).
            let t = h.norm * rng.nextUniform(in: -0.5, 0.95)
            let hs = HalfSpace(normal: h, offset: t)
            let p = try #require(BallHalfSpaceProjection.project(x, onto: hs))
            #expect(p.normSquared <= 1 + 1e-12)
            #expect(hs.value(p) >= t - 1e-12 * h.norm)
            let distance = (x - p).norm
            for _ in 0..<300 {
                let z = TestProblems.randomFeasiblePoint(hs, using: &rng)
                let inner = (x - p).innerProduct(z - p).re
                #expect(inner <= 1e-10, "variational inequality violated by \(inner)")
                #expect(distance <= (x - z).norm + 1e-12)
            }
        }
    }

    @Test func emptyIntersectionIsReported() {
        var rng = Xoshiro256StarStar(seed: 9)
        let h = TestProblems.randomVector(3, using: &rng)
        let hs = HalfSpace(normal: h, offset: 1.01 * h.norm)
        #expect(BallHalfSpaceProjection.project(h, onto: hs) == nil)
        #expect(!hs.meetsUnitBall)
    }

    /// Both constraints active, by hand in ℂ¹ ≅ ℝ²: h = 1, t = 0.6, x = (0, 2) → p = (0.6, 0.8).
    @Test func bothConstraintsActiveByHand() throws {
        let hs = HalfSpace(normal: ComplexVector(interleaved: [1, 0]), offset: 0.6)
        let p = try #require(BallHalfSpaceProjection.project(ComplexVector(interleaved: [0, 2]), onto: hs))
        #expect(abs(p.storage[0] - 0.6) < 1e-14 && abs(p.storage[1] - 0.8) < 1e-14)
    }
}
