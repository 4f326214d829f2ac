import Foundation
import ISACMath
import ISACPhysics
import Testing

@testable import ISACOptimization

/// FP's evaluation on reused storage with the skip of an unchanged state (O27): SINRs against an
/// independent per-link computation, and a skipped evaluation never stale — whatever changed the
/// beams or the assignment in between, including a restore of earlier beams. No timing.
@Suite struct FPEvaluationTests {
    /// SINR_v = |g_{a(v),v}ᴴ f_v|² / (Σ_{m ≠ v heard} |g_{a(m),v}ᴴ f_m|² + σ²) by direct dot products (M3).
    static func directSINR(_ state: FPState) -> [Double] {
        let p = state.problem, n = state.n
        func dot(_ g: [Double], _ gv: Int, _ f: [Double], _ fm: Int) -> Double {
            var re = 0.0, im = 0.0
            for e in 0..<n {
                let a = g[2 * n * gv + 2 * e], b = g[2 * n * gv + 2 * e + 1]
                let c = f[2 * n * fm + 2 * e], d = f[2 * n * fm + 2 * e + 1]
                re += a * c + b * d
                im += a * d - b * c
            }
            return re * re + im * im
        }
        return (0..<state.k).map { v in
            let i = state.assignment[v]
            guard i >= 0 else { return 0 }
            let signal = dot(p.channelMatrices[i], v, state.beams, v)
            var interference = 0.0
            for m in 0..<state.k where m != v && state.assignment[m] >= 0 {
                let j = state.assignment[m]
                if j == i || p.interRSUInterference { interference += dot(p.channelMatrices[j], v, state.beams, m) }
            }
            return signal / (interference + p.noisePower)
        }
    }

    static func expectMatches(_ state: FPState, _ label: String) {
        let direct = directSINR(state)
        for v in 0..<state.k {
            #expect(abs(state.sinr[v] - direct[v]) <= 1e-10 * max(direct[v], 1e-12), "\(label): vehicle \(v)")
        }
    }

    @Test(arguments: [false, true])
    func sinrMatchesDirectComputation(interRSU: Bool) {
        let problem = TestProblems.drop(vehicles: 12, seed: 91, antennas: 8, interRSU: interRSU)
        var assignment = problem.nearestAssignment
        assignment[3] = -1  // one vehicle left out
        var state = FPState(problem: problem, assignment: assignment)
        state.evaluate()
        Self.expectMatches(state, "matched beams")
        _ = state.updateBeams(options: problem.options)
        state.evaluate()
        Self.expectMatches(state, "after a beam update")
    }

    /// Every way the state changes between two evaluations is seen: a beam written, a flip (the
    /// assignment and a matched beam), beams restored from a copy taken before (the buffer the
    /// last evaluation saw, or an older one), a whole new beam array.
    @Test func skippedEvaluationIsNeverStale() {
        let problem = TestProblems.drop(vehicles: 10, seed: 17, antennas: 8)
        var state = FPState(problem: problem, assignment: problem.nearestAssignment)
        state.evaluate()
        let matched = state.beams
        let firstSINR = state.sinr
        state.evaluate()  // unchanged: skipped, same values
        #expect(state.sinr == firstSINR)
        _ = state.updateBeams(options: problem.options)
        state.evaluate()
        Self.expectMatches(state, "updated")
        let updated = state.beams
        state.beams = matched  // restore the older buffer
        state.evaluate()
        Self.expectMatches(state, "restored")
        #expect(state.sinr == firstSINR)
        state.beams = updated
        state.evaluate()
        Self.expectMatches(state, "updated again")
        var other = problem.nearestAssignment
        let v = other.firstIndex { $0 == 0 }!
        other[v] = 1
        var visited: Set<[Int]> = []
        _ = state.flip(v, to: 1, visited: &visited)
        state.evaluate()
        Self.expectMatches(state, "flipped")
        state.setBeam(0, ComplexVector(interleaved: [Double](repeating: 0.1, count: 2 * state.n)))
        state.evaluate()
        Self.expectMatches(state, "one beam written")
        var copy = state  // a copy shares the snapshot; a write to either is seen by each
        copy.setMatchedBeam(0)
        copy.evaluate()
        state.evaluate()
        Self.expectMatches(copy, "copy")
        Self.expectMatches(state, "original")
    }

    /// The block copy of columns equals an element-by-element gather, into fresh and reused storage.
    @Test func gatherColumnsCopiesTheColumns() {
        let problem = TestProblems.drop(vehicles: 9, seed: 5, antennas: 8)
        let state = FPState(problem: problem, assignment: problem.nearestAssignment)
        let g = problem.channelMatrices[0]
        let n2 = 2 * state.n
        var reused = [Double](repeating: .nan, count: n2 * 9)
        for indices in [[4, 0, 7], [8], [], Array(0..<9)] {
            let expected = indices.flatMap { j in (0..<n2).map { g[n2 * j + $0] } }
            #expect(state.gatherColumns(g, indices) == expected)
            state.gatherColumns(g, indices, into: &reused)
            #expect(Array(reused.prefix(expected.count)) == expected)
        }
    }
}
