import ISACMath
import ISACPhysics
import Testing

@testable import ISACOptimization

/// Decision O9: the SCA beam step in A's eigencoordinates and the joint (μ, ν) Newton solve.
@Suite struct SensingSubspaceStepTests {
    /// A random FP-type beam step: quadratic A = WWᴴ, c = α·w_j, a sensing operator and a start beam
    /// that meets Λ = 0.8·λ_max(ΠᴴΠ) (the normalised top direction of ΠᴴΠ, by power iteration).
    struct Case {
        var q: BeamQuadratic
        var j: Int
        var alpha: (re: Double, im: Double)
        var pi: SensingOperator
        var lambda: Double
        var start: ComplexVector
    }

    static func makeCase(n: Int, m: Int, seed: UInt64) -> Case {
        var rng = Xoshiro256StarStar(seed: seed)
        let q = TestProblems.randomQuadratic(n: n, m: m, using: &rng)
        let phi = rng.nextUniform() * 1.2 - 0.6
        let pi = SensingOperator(
            phi: phi, transmit: UniformLinearArray(elementCount: n), receive: UniformLinearArray(elementCount: n))
        var f = TestProblems.randomVector(n, using: &rng)
        for _ in 0..<200 { f = pi.gramApply(f).scaled(by: 1 / pi.gramApply(f).norm) }
        return Case(
            q: q, j: Int(rng.next() % UInt64(m)), alpha: (rng.nextGaussian(), rng.nextGaussian()), pi: pi,
            lambda: 0.8 * pi.maxEigenvalue, start: f)
    }

    static func subspaceBeam(_ c: Case, steps: Int) -> ComplexVector {
        let r = c.q.rank
        let coords = c.q.coordinates(ofColumns: c.pi.a.storage + c.pi.aPrime.storage, count: 2)
        let sub = SensingSubspaceStep(operator: c.pi, requirement: c.lambda, coordinates: coords[0 ..< 4 * r], rank: r)
        let b = sub.solve(
            ExactBeamStep(), quadratic: c.q, factorColumn: c.j, scale: c.alpha, eta: c.pi.a.innerProduct(c.start),
            etaPrime: c.pi.aPrime.innerProduct(c.start), initialMultiplier: 0, initialShift: 0, maxSteps: steps)
        var f = c.q.assemble(b.zeta)
        f.add(c.pi.a.scaled(by: b.pi1))
        f.add(c.pi.aPrime.scaled(by: b.pi2))
        return f
    }

    static func linear(_ c: Case) -> ComplexVector {
        let n = c.q.dimension
        return ComplexVector(interleaved: Array(c.q.factor[2 * n * c.j ..< 2 * n * (c.j + 1)])).scaled(by: c.alpha)
    }

    /// One step in coordinates is the explicit SCA step (half-space built from ΠᴴΠf₀ in ℂᴺ).
    @Test(arguments: [(8, 5), (8, 12), (6, 2)])
    func oneStepEqualsTheExplicitHalfSpaceStep(n: Int, m: Int) {
        for seed in UInt64(1)...6 {
            let c = Self.makeCase(n: n, m: m, seed: seed + UInt64(100 * n + m))
            let hs = HalfSpace(linearising: c.pi, requirement: c.lambda, at: c.start)
            let explicit = ExactBeamStep().solve(
                quadratic: c.q, factorColumn: c.j, scale: c.alpha, halfSpace: hs, start: c.start
            ).beam
            let f = Self.subspaceBeam(c, steps: 1)
            #expect((f - explicit).norm <= 1e-8, "‖Δf‖ = \((f - explicit).norm)")
        }
    }

    /// More SCA steps keep the beam in the ball and feasible for the true constraint ‖Πf‖² ≥ Λ, and
    /// never lower the beam-step objective below one step's.
    @Test func moreStepsStayFeasibleAndDoNotLoseObjective() {
        for seed in UInt64(1)...12 {
            let c = Self.makeCase(n: 8, m: 5, seed: seed)
            let lin = Self.linear(c)
            let one = Self.subspaceBeam(c, steps: 1)
            let six = Self.subspaceBeam(c, steps: 6)
            #expect(six.normSquared <= 1 + 1e-9)
            #expect(c.pi.sensitivity(six) >= c.lambda * (1 - 1e-8))
            let scale = lin.norm + 1
            #expect(
                BeamStepTests.objective(c.q, lin, six) >= BeamStepTests.objective(c.q, lin, one) - 1e-9 * scale)
        }
    }

    /// The joint Newton solve from a perturbed warm (μ, ν) returns the nested solve's KKT point.
    @Test func jointNewtonMatchesTheNestedSolve() {
        var used = 0
        for seed in UInt64(1)...12 {
            let c = Self.makeCase(n: 8, m: 5, seed: seed)
            let hs = HalfSpace(linearising: c.pi, requirement: c.lambda, at: c.start)
            let exact = ExactBeamStep()
            let cold = exact.coefficients(c.q, factorColumn: c.j, scale: c.alpha, halfSpace: hs)
            guard cold.multiplier > 0, cold.shift > 0 else { continue }  // half-space inactive here
            let betaC = c.q.coordinates(factorColumn: c.j, scale: c.alpha)
            let eta = c.q.coordinates(of: hs.normal)
            var etaIn = 0.0
            for x in eta { etaIn += x * x }
            let joint = ExactBeamStep.jointNewton(
                betaC: betaC, eta: eta, eigenvalues: c.q.eigenvalues, rhoC: 0, rhoCH: 0,
                rhoH: max(0, hs.normal.normSquared - etaIn), offset: hs.offset, mu: cold.shift * 1.05,
                nu: cold.multiplier * 0.95, tolerance: exact.tolerance, rootTolerance: exact.rootTolerance)
            guard let joint else { continue }
            used += 1
            #expect(abs(joint.nu - cold.multiplier) <= 1e-6 * cold.multiplier)
            #expect(abs(joint.mu - cold.shift) <= 1e-6 * cold.shift)
            let warm = exact.coefficients(
                c.q, factorColumn: c.j, scale: c.alpha, halfSpace: hs, initialMultiplier: cold.multiplier * 0.95,
                initialShift: cold.shift * 1.05)
            let a = c.q.assemble(cold.zeta, plus: cold.extraScale, times: cold.extra)
            let b = c.q.assemble(warm.zeta, plus: warm.extraScale, times: warm.extra)
            #expect((a - b).norm <= 1e-7)
            #expect(hs.contains(b, slack: 1e-10 * hs.normal.norm))
        }
        #expect(used >= 3, "joint Newton converged on only \(used) cases")
    }
}
