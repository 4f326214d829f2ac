import ISACMath

/// FP with extrapolated beams (decision O24, opt-in `DecisionOptions.fpAcceleration = .extrapolated`).
///
/// After an FP iteration F_k → F_{k+1}, the beams F_{k+1} + β(F_{k+1} − F_k) are tried, each column
/// pulled back onto the unit ball and, for a sensing beam, kept only if it still meets its
/// requirement ‖Πf‖² ≥ Λ_eff (else that column stays F_{k+1}). The extrapolated beams are kept only
/// when they raise the sum rate above F_{k+1}'s, so every iteration still returns a feasible point
/// with a sum rate ≥ the plain FP iterate's (Lemma 2 plus a monotone safeguard). β grows after a
/// kept extrapolation and halves after a rejected one.
struct FPExtrapolation {
    /// Step factor β of the next extrapolation.
    var factor = FPExtrapolation.initialFactor
    /// β's start, growth after a kept extrapolation and range (O24: starts of 0.5-3 and growths of
    /// 1.5-2 measured alike on 16-drop sweeps).
    static let initialFactor = 1.0
    static let growth = 1.5
    static let maxFactor = 8.0
    static let minFactor = 0.125

    /// Tries F + β(F − previous) on `state` (evaluated at F, the plain iterate); keeps it when the
    /// sum rate rises, else restores F and its evaluation. Returns whether it was kept.
    mutating func apply(to state: inout FPState, previous: [Double]) -> Bool {
        let plainRate = state.sumRate
        let plain = state.beams
        let plainSignal = state.signal, plainInterference = state.interference, plainSINR = state.sinr
        let beta = factor
        let n = state.n, n2 = 2 * n
        let problem = state.problem
        state.beams.withUnsafeMutableBufferPointer { f in
            previous.withUnsafeBufferPointer { p in
                plain.withUnsafeBufferPointer { x in
                    for v in 0..<state.k where state.assignment[v] >= 0 {
                        let base = n2 * v
                        var norm2 = 0.0
                        for e in base ..< base + n2 {
                            let y = x[e] + beta * (x[e] - p[e])
                            f[e] = y
                            norm2 += y * y
                        }
                        if norm2 > 1 {
                            let s = 1 / norm2.squareRoot()
                            for e in base ..< base + n2 { f[e] *= s }
                        }
                    }
                }
            }
        }
        // A sensing beam that left its requirement keeps the plain iterate.
        for v in 0..<state.k where state.assignment[v] >= 0 {
            let i = state.assignment[v]
            let lambda = problem.effectiveSensingRequirements[i][v]
            guard lambda > 0, let pi = problem.sensingOperator(rsu: i, vehicle: v) else { continue }
            if !(pi.sensitivity(state.beam(v)) >= lambda) {
                for e in n2 * v ..< n2 * (v + 1) { state.beams[e] = plain[e] }
            }
        }
        state.evaluate()
        if state.sumRate > plainRate {
            factor = min(Self.maxFactor, factor * Self.growth)
            return true
        }
        state.beams = plain
        state.signal = plainSignal
        state.interference = plainInterference
        state.sinr = plainSINR
        factor = max(Self.minFactor, factor / 2)
        return false
    }
}
