import ISACMath
import Testing

@testable import ISACOptimization

/// `DecisionProblem.evaluatedRates` (TW14) against the direct sum of eq. (9) (`referenceRates`).
@Suite struct EvaluatedRatesTests {
    /// Random assignments and random beams inside the unit ball, with and without inter-RSU
    /// interference: the GEMM evaluation equals the K² inner products to 1e−9 relative.
    @Test(arguments: [false, true]) func equalsTheReferenceRates(interRSU: Bool) {
        var rng = Xoshiro256StarStar(seed: 11)
        for (k, seed) in [(1, 1), (7, 2), (30, 3)] {
            let problem = TestProblems.drop(vehicles: k, seed: UInt64(seed), antennas: 16, interRSU: interRSU)
            let assignment = (0..<k).map { _ in Int(rng.next() % UInt64(problem.rsuCount)) }
            let beams = (0..<k).map { _ in TestProblems.randomBallPoint(problem.antennaCount, using: &rng) }
            let reference = problem.referenceRates(assignment: assignment, beams: beams)
            let evaluated = problem.evaluatedRates(assignment: assignment, beams: beams)
            #expect(evaluated.count == k)
            for v in 0..<k { #expect(abs(evaluated[v] - reference[v]) <= 1e-9 * max(1, reference[v]), "K = \(k), v = \(v)") }
        }
    }
}
