import Foundation
import ISACMath

/// The settings of the heuristic's screened search (O20): how much FP the search spends on an
/// assignment it is only comparing. The assignment returned always gets a full FP.
struct ScreenedSearch: Sendable, Equatable {
    /// Relative tolerance of the cold start's FP on the nearest assignment (never tighter than
    /// the options' `fpTolerance`); nil: the options' `fpTolerance`, as in the exact search.
    var startTolerance: Double?
    /// FP iterations after a flip (never more than the budget's inner limit, O4, O18); nil: that limit.
    var innerIterations: Int?
    /// Before them, fit the moved vehicle's beam alone to its new RSU (one block update with the
    /// others fixed, ``FPState/updateSingleBeam(_:options:)``; not charged as an FP iteration).
    var fitsMovedBeam: Bool

    /// O20: the start FP to 1e-3; after a flip the moved beam fitted, then one FP iteration.
    static let standard = ScreenedSearch(startTolerance: 1e-3, innerIterations: 1, fitsMovedBeam: true)
    /// Nothing screened: the exact search's FP runs (with the batched flip gains).
    static let unscreened = ScreenedSearch(startTolerance: nil, innerIterations: nil, fitsMovedBeam: false)
}

extension HeuristicPolicy {
    /// Algorithm 3 with O20's cheaper evaluation of the visited assignments: the cold start's FP
    /// stops at `settings.startTolerance`, each flip is followed by a fit of the moved beam and
    /// `settings.innerIterations` FP iterations, and the flip is chosen by M11's e_k computed for all (vehicle, RSU) pairs from one
    /// zgemm per RSU. Like the exact search it returns a full FP on the best assignment visited, from
    /// its beams, so it never returns less than its first state (the start after its FP).
    func screenedSearch(
        _ problem: DecisionProblem, warmStart: Decision?, start: DecisionStart?, meter: inout BudgetMeter,
        settings: ScreenedSearch = .standard
    ) -> (decision: Decision, stop: Stop) {
        let k = problem.vehicleCount
        var state = FPState.searchStart(problem, warmStart: warmStart, start: start)
        let budgetInner = meter.innerIterations(problem.options)
        let inner = min(settings.innerIterations ?? budgetInner, budgetInner)
        let reaimed = start.map { state.reaim(with: $0, options: problem.options, meter: &meter) } ?? 0
        var startOptions = problem.options
        if let t = settings.startTolerance { startOptions.fpTolerance = max(t, problem.options.fpTolerance) }
        // From a carried start the first FP is an inner run, as in the exact search (O12).
        var run = state.run(
            options: startOptions, recordHistory: false, maxIterations: start == nil ? nil : inner, meter: &meter)
        var iterations = reaimed + run.iterations
        var failed = run.outcome == .linearAlgebraFailure
        var bestRate = state.sumRate
        var bestAssignment = state.assignment
        var bestBeams = state.beams
        var visited: Set<[Int]> = [state.assignment]
        var flips = 0
        let cap = problem.options.heuristicFlipCapFactor * k
        var stop = Stop.flipCap
        var scratch = FlipGainScratch()
        while flips < cap {
            guard meter.allowsIteration() else {
                stop = .budget
                break
            }
            guard let (v, j, _) = state.bestFlip(scratch: &scratch) else {
                stop = .noImprovingFlip
                break
            }
            flips += 1
            if !state.flip(v, to: j, visited: &visited) {  // a cycle: stop (M12)
                stop = .repeatedAssignment
                break
            }
            if settings.fitsMovedBeam && meter.allowsIteration() { state.updateSingleBeam(v, options: problem.options) }
            run = state.run(options: problem.options, recordHistory: false, maxIterations: inner, meter: &meter)
            iterations += run.iterations
            failed = failed || run.outcome == .linearAlgebraFailure
            if state.sumRate > bestRate {
                bestRate = state.sumRate
                bestAssignment = state.assignment
                bestBeams = state.beams
            }
        }
        // Full FP on the best assignment visited, from its beams (O4).
        var final = FPState(problem: problem, assignment: bestAssignment)
        final.beams = bestBeams
        return (final.polish(flips: flips, iterations: iterations, failed: failed, options: problem.options, meter: &meter), stop)
    }
}

/// Reused storage of ``FPState/bestFlip(scratch:)``.
struct FlipGainScratch {
    /// Σ_{m ∈ S_i, m ≠ v} |g_ivᴴ f_m|², index i·K + v.
    var interference: [Double] = []
    var served: [Int] = []
}

extension FPState {
    /// argmax over (v, j ≠ a(v)) of M11's e = ζ_j(v) − rate(v) (ties to the lower vehicle, then
    /// RSU index), nil when no e > 0. Every what-if interference Σ_{m ∈ S_i, m ≠ v} |g_ivᴴ f_m|²
    /// comes from one zgemm G_iᴴ F_{S_i} per RSU (O20) instead of K·(R−1)·K dot products; the
    /// exact search keeps ``whatIfRate(vehicle:rsu:)`` (same values up to summation order).
    func bestFlip(scratch: inout FlipGainScratch) -> (vehicle: Int, rsu: Int, gain: Double)? {
        let rsuCount = problem.rsuCount
        let interRSU = problem.interRSUInterference
        if scratch.interference.count != rsuCount * k {
            scratch.interference = [Double](repeating: 0, count: rsuCount * k)
        }
        for i in 0..<rsuCount {
            scratch.served.removeAll(keepingCapacity: true)
            for m in 0..<k where assignment[m] == i { scratch.served.append(m) }
            let base = i * k
            let s = scratch.served.count
            guard s > 0 else {
                for v in 0..<k { scratch.interference[base + v] = 0 }
                continue
            }
            let f = gatherColumns(beams, scratch.served)
            let p = ComplexKernels.product(
                .conjugateTranspose, problem.channelMatrices[i], lda: n, .none, f, ldb: n, m: k, n: s, k: n)
            for v in 0..<k {
                var sum = 0.0
                for (c, m) in scratch.served.enumerated() where m != v {
                    let re = p[2 * (v + c * k)], im = p[2 * (v + c * k) + 1]
                    sum += re * re + im * im
                }
                scratch.interference[base + v] = sum
            }
        }
        let noise = problem.noisePower
        var best: (vehicle: Int, rsu: Int, gain: Double)? = nil
        for v in 0..<k {
            let serving = rate(v)
            // With inter-RSU interference v hears every beam but its own, wherever it is served.
            var heard = 0.0
            if interRSU { for i in 0..<rsuCount { heard += scratch.interference[i * k + v] } }
            for j in 0..<rsuCount where j != assignment[v] {
                let signal = problem.channelMatrices[j].withUnsafeBufferPointer {
                    ComplexKernels.dot($0, 2 * n * v, $0, 2 * n * v, n).re  // ‖g‖² = |gᴴa|²
                }
                let interference = interRSU ? heard : scratch.interference[j * k + v]
                let e = log2(1 + signal / (interference + noise)) - serving
                if e > (best?.gain ?? 0) { best = (v, j, e) }
            }
        }
        return best
    }
}
