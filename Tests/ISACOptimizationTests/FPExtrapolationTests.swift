import Foundation
import ISACMath
import ISACPhysics
import Testing

@testable import ISACOptimization

/// FP with extrapolated beams (issue 10, O24): monotone, feasible, never below the plain FP
/// iterate it extrapolates from, and off (bit for bit today's FP) unless asked for. No timing.
@Suite struct FPExtrapolationTests {
    static func options(_ acceleration: DecisionOptions.FPAcceleration?) -> DecisionOptions {
        var o = DecisionOptions.standard
        o.fpAcceleration = acceleration
        return o
    }

    static func drop(_ k: Int, seed: UInt64, sensing: Double, acceleration: DecisionOptions.FPAcceleration?)
        -> DecisionProblem
    {
        TestProblems.drop(
            vehicles: k, seed: seed, antennas: 8, sensingFraction: sensing, options: options(acceleration))
    }

    /// Every iteration's sum rate ≥ the previous one (Lemma 2 plus the safeguard), and with sensing
    /// every serving link still meets Λ_eff (an extrapolated column that leaves it is not used).
    @Test(arguments: [0.0, 0.9])
    func monotoneAndFeasible(sensing: Double) {
        for seed in UInt64(1)...6 {
            let problem = Self.drop(14, seed: 700 + seed, sensing: sensing, acceleration: .extrapolated)
            let r = FractionalProgramming(options: problem.options).solve(
                problem, assignment: problem.nearestAssignment, recordHistory: true)
            for (a, b) in zip(r.history, r.history.dropFirst()) { #expect(b >= a * (1 - 1e-12), "\(a) → \(b)") }
            #expect(r.sensingViolations == 0)
            for (v, f) in r.beams.enumerated() where problem.nearestAssignment[v] >= 0 {
                #expect(f.normSquared <= 1 + 1e-12)
            }
        }
    }

    /// One extrapolated iteration is never below the plain FP iteration from the same beams: it
    /// keeps F + β(F − F₀) only when the sum rate rises above F's.
    @Test(arguments: [0.0, 0.9])
    func neverBelowThePlainIterate(sensing: Double) {
        var raised = 0
        for seed in UInt64(1)...8 {
            let problem = Self.drop(12, seed: 800 + seed, sensing: sensing, acceleration: nil)
            let fast = Self.options(.extrapolated)
            for iterations in 1...3 {
                var a = FPState(problem: problem, assignment: problem.nearestAssignment)
                if iterations > 1 {
                    _ = a.run(options: problem.options, recordHistory: false, maxIterations: iterations - 1)
                }
                var b = a  // the same beams and warm multipliers
                _ = a.run(options: problem.options, recordHistory: false, maxIterations: 1)
                _ = b.run(options: fast, recordHistory: false, maxIterations: 1)
                #expect(b.sumRate >= a.sumRate * (1 - 1e-12), "seed \(seed): \(b.sumRate) < \(a.sumRate)")
                if b.sumRate > a.sumRate * (1 + 1e-9) { raised += 1 }
            }
        }
        // The extrapolation is not a no-op: it raises the iterate on some of the 24 cases.
        #expect(raised > 0)
    }

    /// nil and `.none` are today's FP bit for bit; the field is encoded only when set.
    @Test func offByDefaultAndEncodedOnlyWhenSet() throws {
        let a = Self.drop(10, seed: 901, sensing: 0.9, acceleration: nil)
        let b = Self.drop(10, seed: 901, sensing: 0.9, acceleration: DecisionOptions.FPAcceleration.none)
        let ra = FractionalProgramming(options: a.options).solve(a, assignment: a.nearestAssignment, recordHistory: true)
        let rb = FractionalProgramming(options: b.options).solve(b, assignment: b.nearestAssignment, recordHistory: true)
        #expect(ra.history == rb.history)
        #expect(ra.beams == rb.beams)
        #expect(try HeuristicPolicy().decide(a) == HeuristicPolicy().decide(b))
        let encoder = JSONEncoder()
        let standard = String(decoding: try encoder.encode(DecisionOptions.standard), as: UTF8.self)
        #expect(!standard.contains("fpAcceleration"))
        #expect(DecisionOptions.standard.resolvedFPAcceleration == .none)
        let decoded = try JSONDecoder().decode(
            DecisionOptions.self, from: try encoder.encode(Self.options(.extrapolated)))
        #expect(decoded.resolvedFPAcceleration == .extrapolated)
    }
}
