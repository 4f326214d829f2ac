import Foundation
import ISACMath
import ISACPhysics
import Testing

@testable import ISACOptimization

/// FP's regularised zero-forcing start (issue 10, O26): the start beams against a dense N×N solve,
/// unit norm, sensing feasibility, the mix's boundary, FP from the start monotone, deterministic, and
/// `.matched`/nil today's FP bit for bit. No timing.
@Suite struct FPStartTests {
    static func options(_ start: DecisionOptions.FPStart?) -> DecisionOptions {
        var o = DecisionOptions.standard
        o.fpStart = start
        return o
    }

    static func drop(
        _ k: Int, seed: UInt64, sensing: Double, interRSU: Bool = false, start: DecisionOptions.FPStart? = .regularizedZeroForcing
    ) -> DecisionProblem {
        TestProblems.drop(
            vehicles: k, seed: seed, antennas: 8, interRSU: interRSU, sensingFraction: sensing, options: options(start))
    }

    /// x solving B x = b by Gaussian elimination with partial pivoting on the dense complex N×N
    /// matrix (independent of the Cholesky/push-through path under test).
    static func denseSolve(_ b: [[(re: Double, im: Double)]], _ rhs: [(re: Double, im: Double)]) -> [(re: Double, im: Double)] {
        let n = rhs.count
        var a = b
        var x = rhs
        func mul(_ p: (re: Double, im: Double), _ q: (re: Double, im: Double)) -> (re: Double, im: Double) {
            (p.re * q.re - p.im * q.im, p.re * q.im + p.im * q.re)
        }
        func div(_ p: (re: Double, im: Double), _ q: (re: Double, im: Double)) -> (re: Double, im: Double) {
            let d = q.re * q.re + q.im * q.im
            return ((p.re * q.re + p.im * q.im) / d, (p.im * q.re - p.re * q.im) / d)
        }
        for c in 0..<n {
            let pivot = (c..<n).max { hypot(a[$0][c].re, a[$0][c].im) < hypot(a[$1][c].re, a[$1][c].im) }!
            a.swapAt(c, pivot)
            x.swapAt(c, pivot)
            for r in (c + 1)..<n {
                let factor = div(a[r][c], a[c][c])
                for j in c..<n {
                    let t = mul(factor, a[c][j])
                    a[r][j] = (a[r][j].re - t.re, a[r][j].im - t.im)
                }
                let t = mul(factor, x[c])
                x[r] = (x[r].re - t.re, x[r].im - t.im)
            }
        }
        for c in stride(from: n - 1, through: 0, by: -1) {
            var s = x[c]
            for j in (c + 1)..<n {
                let t = mul(a[c][j], x[j])
                s = (s.re - t.re, s.im - t.im)
            }
            x[c] = div(s, a[c][c])
        }
        return x
    }

    /// (Σ_{j ∈ R} g_j g_jᴴ + α σ² I)⁻¹ g_v / ‖·‖ for RSU i, R its listeners, by the dense solve.
    static func denseRZF(_ problem: DecisionProblem, rsu i: Int, rows: [Int], vehicle v: Int) -> ComplexVector {
        let n = problem.antennaCount
        let alpha = FPState.rzfRegularization * problem.noisePower
        var b = [[(re: Double, im: Double)]](repeating: [(re: Double, im: Double)](repeating: (0, 0), count: n), count: n)
        for r in 0..<n {
            b[r][r].re += alpha
            for j in rows {
                let g = problem.channels[i][j].storage
                for c in 0..<n {
                    // g_r · conj(g_c)
                    b[r][c].re += g[2 * r] * g[2 * c] + g[2 * r + 1] * g[2 * c + 1]
                    b[r][c].im += g[2 * r + 1] * g[2 * c] - g[2 * r] * g[2 * c + 1]
                }
            }
        }
        let g = problem.channels[i][v].storage
        let x = denseSolve(b, (0..<n).map { (g[2 * $0], g[2 * $0 + 1]) })
        var f = ComplexVector(count: n)
        for e in 0..<n {
            f.storage[2 * e] = x[e].re
            f.storage[2 * e + 1] = x[e].im
        }
        return f.scaled(by: 1 / f.norm)
    }

    static func maxDifference(_ a: ComplexVector, _ b: ComplexVector) -> Double {
        zip(a.storage, b.storage).map { abs($0 - $1) }.max() ?? 0
    }

    /// Without sensing every start beam is the dense RZF beam to 1e-10, in both forms (m ≤ N: the
    /// m×m push-through solve; m > N: the N×N one) and with inter-RSU interference (R = every
    /// vehicle); unit norm.
    @Test(arguments: [(6, false), (14, false), (30, false), (12, true)])
    func beamsEqualTheDenseSolve(k: Int, interRSU: Bool) {
        for seed in UInt64(1)...3 {
            let problem = Self.drop(k, seed: 40 + seed, sensing: 0, interRSU: interRSU)
            var state = FPState(problem: problem, assignment: problem.nearestAssignment)
            for i in 0..<problem.rsuCount {
                state.setRegularizedZeroForcingBeams(rsu: i, vehicles: (0..<k).filter { state.assignment[$0] == i })
            }
            for v in 0..<k {
                let i = problem.nearestAssignment[v]
                let rows = interRSU ? Array(0..<k) : (0..<k).filter { problem.nearestAssignment[$0] == i }
                let expected = Self.denseRZF(problem, rsu: i, rows: rows, vehicle: v)
                let f = state.beam(v)
                #expect(abs(f.normSquared - 1) < 1e-12)
                #expect(Self.maxDifference(f, expected) < 1e-10, "K \(k) seed \(seed) vehicle \(v)")
            }
        }
    }

    /// The RZF start is kept only when it is not below the matched beams' sum rate; on these drops
    /// (interference-limited, no sensing) it is kept and far above them.
    @Test func startIsNeverBelowTheMatchedBeams() {
        var kept = 0
        for seed in UInt64(1)...6 {
            for sensing in [0.0, 0.95] {
                let problem = Self.drop(16, seed: 60 + seed, sensing: sensing)
                var matched = FPState(problem: problem, assignment: problem.nearestAssignment)
                matched.evaluate()
                var rzf = matched
                rzf.setInitialBeams(.regularizedZeroForcing)
                rzf.evaluate()
                #expect(rzf.sumRate >= matched.sumRate)
                if rzf.beams != matched.beams { kept += 1 }
            }
        }
        #expect(kept >= 6)
    }

    /// A joining vehicle's beam (a flip, a greedy addition) is its dense RZF beam against every
    /// vehicle its RSU serves now; the others' beams are untouched.
    @Test func joiningBeamEqualsTheDenseSolve() {
        let problem = Self.drop(14, seed: 77, sensing: 0)
        var state = FPState(problem: problem, assignment: problem.nearestAssignment)
        _ = state.run(options: problem.options, recordHistory: false)
        let v = 3
        let j = 1 - state.assignment[v]
        let before = state.beams
        state.assignment[v] = j
        state.setJoiningBeam(v, start: .regularizedZeroForcing)
        let rows = (0..<14).filter { state.assignment[$0] == j }
        #expect(Self.maxDifference(state.beam(v), Self.denseRZF(problem, rsu: j, rows: rows, vehicle: v)) < 1e-10)
        for m in 0..<14 where m != v {
            #expect(Array(state.beams[16 * m ..< 16 * (m + 1)]) == Array(before[16 * m ..< 16 * (m + 1)]))
        }
        state.setJoiningBeam(v, start: .matched)
        #expect(state.beam(v) == problem.matchedBeam(rsu: j, vehicle: v))
    }

    /// With sensing every start beam meets ‖Πf‖² ≥ Λ_eff and has unit norm; where the RZF beam
    /// itself misses Λ_eff the mix sits on the constraint's boundary (largest feasible t).
    @Test(arguments: [0.5, 0.9, 0.99])
    func sensingBeamsStartFeasible(fraction: Double) {
        var onBoundary = 0
        for seed in UInt64(1)...4 {
            let problem = Self.drop(14, seed: 90 + seed, sensing: fraction)
            var state = FPState(problem: problem, assignment: problem.nearestAssignment)
            for i in 0..<problem.rsuCount {
                state.setRegularizedZeroForcingBeams(rsu: i, vehicles: (0..<14).filter { state.assignment[$0] == i })
            }
            for v in 0..<14 {
                let i = state.assignment[v]
                let f = state.beam(v)
                #expect(abs(f.normSquared - 1) < 1e-12)
                let lambda = problem.effectiveSensingRequirements[i][v]
                guard let pi = problem.sensingOperator(rsu: i, vehicle: v) else { continue }
                #expect(pi.sensitivity(f) >= lambda, "seed \(seed) vehicle \(v)")
                let rows = (0..<14).filter { state.assignment[$0] == i }
                let r = Self.denseRZF(problem, rsu: i, rows: rows, vehicle: v)
                if pi.sensitivity(r) < lambda {
                    #expect(pi.sensitivity(f) <= lambda * (1 + 1e-4), "not on the boundary: seed \(seed) vehicle \(v)")
                    onBoundary += 1
                } else {
                    #expect(Self.maxDifference(f, r) < 1e-10)
                }
            }
        }
        #expect(onBoundary > 0)
    }

    /// The mix against a brute-force bisection for the largest feasible t on the same segment.
    @Test func mixIsTheLargestFeasibleT() {
        var rng = Xoshiro256StarStar(seed: 5)
        let array = UniformLinearArray(elementCount: 8)
        var checked = 0
        for trial in 0..<40 {
            let phi = rng.nextUniform(in: -0.9, 0.9)
            let pi = SensingOperator(phi: phi, transmit: array, receive: array)
            let a = pi.a.scaled(by: 1 / pi.a.norm)
            var r = a
            r.add(TestProblems.randomVector(8, scale: 0.4, using: &rng), scaledBy: 1)
            r = r.scaled(by: 1 / r.norm)
            let lambda = rng.nextUniform(in: 0.5, 0.99) * pi.maxEigenvalue
            guard let f = FPState.sensingFeasibleMix(matched: a, target: r, operator: pi, requirement: lambda) else {
                Issue.record("trial \(trial): no feasible mix although a is feasible")
                continue
            }
            #expect(pi.sensitivity(f) >= lambda)
            #expect(abs(f.normSquared - 1) < 1e-12)
            func ratio(_ t: Double) -> Double {
                var x = a.scaled(by: 1 - t)
                x.add(r, scaledBy: t)
                return pi.sensitivity(x) / x.normSquared
            }
            guard ratio(1) < lambda else {
                #expect(Self.maxDifference(f, r) < 1e-12)
                continue
            }
            var lo = 0.0, hi = 1.0
            for _ in 0..<80 {
                let mid = (lo + hi) / 2
                if ratio(mid) >= lambda { lo = mid } else { hi = mid }
            }
            var x = a.scaled(by: 1 - lo)
            x.add(r, scaledBy: lo)
            #expect(Self.maxDifference(f, x.scaled(by: 1 / x.norm)) < 1e-5, "trial \(trial)")
            checked += 1
        }
        #expect(checked > 10)
    }

    /// FP from the RZF start never decreases (Lemma 2) and ends feasible; two runs are identical.
    @Test(arguments: [0.0, 0.95])
    func fpFromTheStartIsMonotoneAndDeterministic(sensing: Double) throws {
        for seed in UInt64(1)...4 {
            let problem = Self.drop(14, seed: 120 + seed, sensing: sensing)
            let fp = FractionalProgramming(options: problem.options)
            let r = fp.solve(problem, assignment: problem.nearestAssignment, recordHistory: true)
            for (a, b) in zip(r.history, r.history.dropFirst()) { #expect(b >= a * (1 - 1e-12), "\(a) → \(b)") }
            #expect(r.sensingViolations == 0)
            let again = fp.solve(problem, assignment: problem.nearestAssignment, recordHistory: true)
            #expect(again.history == r.history && again.beams == r.beams)
            for policy in [HeuristicPolicy() as any DecisionPolicy, GreedyPolicy(), DistanceFractionalProgrammingPolicy()] {
                let d1 = try policy.decide(problem), d2 = try policy.decide(problem)
                #expect(d1 == d2)
                #expect(d1.sensingViolations == 0)
                let mf = try DistanceMatchedFilterPolicy().decide(problem)
                if policy.name != "greedy" { #expect(d1.sumRate >= mf.sumRate * (1 - 1e-12)) }
            }
        }
    }

    /// nil and `.matched` are today's FP and policies bit for bit; the field is encoded only when set.
    @Test func matchedIsTodayBitForBit() throws {
        for sensing in [0.0, 0.95] {
            let a = Self.drop(12, seed: 140, sensing: sensing, start: nil)
            let b = Self.drop(12, seed: 140, sensing: sensing, start: .matched)
            let ra = FractionalProgramming(options: a.options).solve(a, assignment: a.nearestAssignment, recordHistory: true)
            let rb = FractionalProgramming(options: b.options).solve(b, assignment: b.nearestAssignment, recordHistory: true)
            #expect(ra.history == rb.history && ra.beams == rb.beams)
            for policy in [HeuristicPolicy() as any DecisionPolicy, GreedyPolicy(), DistanceFractionalProgrammingPolicy()] {
                #expect(try policy.decide(a) == policy.decide(b))
            }
            // The option acts: the RZF start changes FP's trajectory.
            let c = Self.drop(12, seed: 140, sensing: sensing, start: .regularizedZeroForcing)
            let rc = FractionalProgramming(options: c.options).solve(c, assignment: c.nearestAssignment, recordHistory: true)
            if sensing == 0 { #expect(rc.history.first! > ra.history.first!) } else { #expect(rc.history.first! >= ra.history.first!) }
        }
        let encoder = JSONEncoder()
        let standard = String(decoding: try encoder.encode(DecisionOptions.standard), as: UTF8.self)
        #expect(!standard.contains("fpStart"))
        #expect(DecisionOptions.standard.resolvedFPStart == .matched)
        let encoded = String(decoding: try encoder.encode(Self.options(.regularizedZeroForcing)), as: UTF8.self)
        #expect(encoded.contains("\"fpStart\":\"rzf\""))
        let decoded = try JSONDecoder().decode(DecisionOptions.self, from: Data(encoded.utf8))
        #expect(decoded.resolvedFPStart == .regularizedZeroForcing)
    }
}
