import Foundation
import ISACMath
import ISACPhysics
import Testing

@testable import ISACOptimization

@Suite struct FractionalProgrammingTests {
    static let steps: [DecisionOptions.BeamStep] = [.exact, .pga]

    /// Lemma 2: the sum rate never decreases between FP iterations, with either beam step, with and
    /// without the sensing constraint, with and without inter-RSU interference.
    @Test(arguments: steps, [false, true])
    func sumRateNeverDecreases(step: DecisionOptions.BeamStep, sensing: Bool) {
        var options = DecisionOptions(fpTolerance: 1e-9, fpMaxIterations: 60, beamStep: step)
        options.pgaMaxSteps = 3000
        for seed in UInt64(1)...3 {
            for interRSU in [false, true] {
                let problem = TestProblems.drop(
                    vehicles: 6, seed: seed, antennas: 6, interRSU: interRSU, sensingFraction: sensing ? 0.8 : 0,
                    options: options)
                let r = FractionalProgramming(options: options).solve(
                    problem, assignment: problem.nearestAssignment, recordHistory: true)
                #expect(r.history.count == r.iterations + 1)
                for (a, b) in zip(r.history, r.history.dropFirst()) {
                    #expect(b >= a - 1e-9 * a, "sum rate fell from \(a) to \(b)")
                }
                #expect(r.sumRate >= r.history[0])
                #expect(r.outcome != .stalled)
            }
        }
    }

    /// PGA and the exact step reach the same FP result to 1e-6 relative (tight tolerances).
    @Test func projectedGradientAndExactAgree() {
        for seed in UInt64(1)...3 {
            var exact = DecisionOptions(fpTolerance: 1e-12, fpMaxIterations: 400, beamStep: .exact)
            var pga = exact
            pga.beamStep = .pga
            pga.pgaTolerance = 1e-13
            pga.pgaMaxSteps = 200_000
            exact.sensingConstraint = true
            let problem = TestProblems.drop(vehicles: 4, seed: seed, antennas: 6, options: exact)
            let a = FractionalProgramming(options: exact).solve(problem, assignment: problem.nearestAssignment)
            let b = FractionalProgramming(options: pga).solve(problem, assignment: problem.nearestAssignment)
            #expect(abs(a.sumRate - b.sumRate) <= 1e-6 * a.sumRate, "exact \(a.sumRate) vs PGA \(b.sumRate)")
        }
    }

    /// At the end of FP, f_q with γ*, y* equals the sum rate in nats (M8): evaluate f_q of the
    /// final beams from its definition and compare.
    @Test func quadraticTransformEqualsSumRateAtTheFixedPoint() {
        let problem = TestProblems.drop(vehicles: 5, seed: 4, antennas: 6)
        let r = FractionalProgramming().solve(problem, assignment: problem.nearestAssignment)
        let g = problem.channels
        let a = problem.nearestAssignment
        let sigma2 = problem.noisePower
        var fq = 0.0
        for k in 0..<5 {
            let i = a[k]
            var total = sigma2
            for m in 0..<5 where a[m] == i { total += g[i][k].innerProductMagnitudeSquared(r.beams[m]) }
            let s = g[i][k].innerProduct(r.beams[k])
            let signal = s.re * s.re + s.im * s.im
            let gamma = signal / (total - signal)
            let root = (1 + gamma).squareRoot()
            let y = (re: root * s.re / total, im: root * s.im / total)
            let yy = y.re * y.re + y.im * y.im
            fq += log(1 + gamma) - gamma + 2 * root * (y.re * s.re + y.im * s.im) - yy * total
        }
        #expect(abs(fq - r.sumRate * log(2)) <= 1e-10 * fq)
    }

    /// The fast internal SINR evaluation agrees with the reference `CommunicationModel.rates`, for
    /// arbitrary assignments and beams, with and without inter-RSU interference.
    @Test(arguments: [false, true])
    func internalRatesMatchTheReference(interRSU: Bool) {
        var rng = Xoshiro256StarStar(seed: 77)
        for seed in UInt64(1)...4 {
            let problem = TestProblems.drop(vehicles: 7, seed: seed, antennas: 5, interRSU: interRSU)
            let assignment = (0..<7).map { _ in rng.nextInt(below: 2) }
            var state = FPState(problem: problem, assignment: assignment)
            let beams = (0..<7).map { _ in TestProblems.randomBallPoint(5, using: &rng) }
            for (v, f) in beams.enumerated() { state.setBeam(v, f) }
            state.evaluate()
            let reference = problem.referenceRates(assignment: assignment, beams: beams)
            for (x, y) in zip(state.rates, reference) { #expect(abs(x - y) <= 1e-12 * max(1, y)) }
        }
    }

    /// A single vehicle gets the matched beam and log₂(1 + P κ'² α̃ / (d² σ²)), for every policy.
    @Test func singleVehicleGetsTheMatchedBeam() throws {
        let p = TestProblems.parameters(antennas: 8)
        let car = Vehicle(id: 0, position: Point(x: 7, y: -2), velocity: -30)
        let problem = DecisionProblem(parameters: p, vehicles: [car])
        let d: Double = (7.0 * 7.0 + 28.0 * 28.0).squareRoot()  // RSU2 at (0, −30)
        let snr: Double = p.transmitPowerWatts * 8 * p.channelGain / (d * d) / p.communicationNoiseWatts
        let expected: Double = log2(1 + snr)
        let a = UniformLinearArray(elementCount: 8).steering(7 / d)
        for name in DecisionPolicyRegistry.standard.names {
            let decision = try DecisionPolicyRegistry.standard.policy(named: name).decide(problem)
            #expect(decision.assignment == [1], "\(name)")
            #expect((decision.beams[0] - a).norm <= 1e-9, "\(name)")
            #expect(abs(decision.sumRate - expected) <= 1e-9 * expected, "\(name)")
        }
    }
}
