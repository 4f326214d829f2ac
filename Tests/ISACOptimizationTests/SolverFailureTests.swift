import ISACMath
import ISACPhysics
import Testing

@testable import ISACOptimization

/// Solver failures are outcomes (issue 13, O13): a LAPACK failure in the beam step's eigensolver is
/// reported as `linearAlgebraFailure` and never turns into a step on a zero matrix.
@Suite struct SolverFailureTests {
    /// A NaN in A: the eigensolver's failure is recorded, not hidden behind an empty basis.
    @Test func eigensolverFailureIsRecorded() {
        var rng = Xoshiro256StarStar(seed: 5)
        var factor = (0..<3).flatMap { _ in TestProblems.randomVector(4, using: &rng).storage }
        let healthy = BeamQuadratic(factor: factor, dimension: 4, columns: 3)
        #expect(!healthy.eigensolverFailed && healthy.rank == 3)
        factor[5] = .nan
        let broken = BeamQuadratic(factor: factor, dimension: 4, columns: 3)
        #expect(broken.eigensolverFailed)
    }

    /// A problem with one corrupted link (NaN distance, so a NaN channel at its RSU): FP reports
    /// `linearAlgebraFailure` and keeps that RSU's beams; the other RSU's beams stay unit-norm FP
    /// beams, not zeros. Policies whose FP meets the failure carry the outcome into their decision.
    @Test func fpAndPoliciesReportTheFailure() throws {
        let p = TestProblems.parameters(antennas: 8)
        var rng = Xoshiro256StarStar(seed: 9)
        let cars = StaticDrop.vehicles(count: 6, parameters: p, using: &rng)
        var links = p.highway.rsus.map { r in cars.map { LinkGeometry(rsu: r, vehicle: $0) } }
        let problemOK = DecisionProblem(parameters: p, vehicles: cars)
        let nearest = problemOK.nearestAssignment
        // A vehicle served by RSU 0, so a NaN distance there leaves the nearest assignment as it is.
        let victim = try #require(nearest.firstIndex(of: 0))
        let broken = 0
        let g = links[broken][victim]
        links[broken][victim] = LinkGeometry(phi: g.phi, distance: .nan, speed: g.speed)
        let problem = DecisionProblem(parameters: p, links: links, positionsAlongRoad: cars.map(\.position.x))
        #expect(problem.nearestAssignment == nearest)
        let result = FractionalProgramming().solve(problem, assignment: nearest)
        #expect(result.outcome == .linearAlgebraFailure)
        for v in 0..<6 where nearest[v] != broken {
            #expect(result.beams[v].isFinite && result.beams[v].norm > 0.5, "vehicle \(v) at the healthy RSU")
        }
        for name in ["distance-fp", "heuristic"] {
            let d = try DecisionPolicyRegistry.standard.policy(named: name).decide(problem)
            #expect(d.outcome == .linearAlgebraFailure, "\(name)")
        }
    }

    @Test func outcomeOrderPutsFailuresLast() {
        #expect(SolverOutcome.converged.worst(.budgetExhausted) == .budgetExhausted)
        #expect(SolverOutcome.infeasible.worst(.linearAlgebraFailure) == .linearAlgebraFailure)
        #expect(SolverOutcome.stalled.worst(.iterationLimit) == .stalled)
        #expect(SolverOutcome.linearAlgebraFailure.worst(.converged) == .linearAlgebraFailure)
    }
}
