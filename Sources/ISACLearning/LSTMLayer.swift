import ISACMath

/// One direction of an LSTM layer over a padded batch of sequences (Hochreiter & Schmidhuber).
///
/// With gates named as in eqs. (49)-(51) of the paper (plus the cell candidate g):
///
///     i_t = σ(W_i·[h_{t−1}, x_t] + b_i)          (50)
///     f_t = σ(W_f·[h_{t−1}, x_t] + b_f)          (49)
///     g_t = tanh(W_g·[h_{t−1}, x_t] + b_g)
///     o_t = σ(W_o·[h_{t−1}, x_t] + b_o)          (51)
///     c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t,   h_t = o_t ⊙ tanh(c_t)
///
/// W·[h, x] is split into an input part W_x (4H×F) and a recurrent part W_h (4H×H). Parameters
/// live in a flat vector at ``parameterCount`` consecutive scalars: W_x (column-major 4H×F), then
/// W_h (4H×H), then b (4H); rows `0..<H` are gate i, `H..<2H` f, `2H..<3H` g, `3H..<4H` o.
///
/// Masking: at a padded step the state is carried through unchanged (h_t = h_{t−1}, c_t = c_{t−1})
/// and the output is zero. Since padding follows the valid steps, the ``Direction/reverse``
/// direction therefore starts from the zero state at each sequence's own last valid step, and
/// padded steps contribute nothing to outputs or gradients.
public struct LSTMLayer: Sendable, Hashable {
    /// Processing order over the time axis.
    public enum Direction: Sendable, Hashable { case forward, reverse }

    /// F: input features per step.
    public let inputCount: Int
    /// H: hidden units.
    public let hiddenCount: Int
    public let direction: Direction

    public init(inputCount: Int, hiddenCount: Int, direction: Direction) {
        precondition(inputCount > 0 && hiddenCount > 0, "layer sizes must be positive")
        self.inputCount = inputCount
        self.hiddenCount = hiddenCount
        self.direction = direction
    }

    /// 4H·F + 4H·H + 4H, the paper's W = 4[h(h + e) + h].
    public var parameterCount: Int { 4 * hiddenCount * (inputCount + hiddenCount + 1) }

    @usableFromInline var inputWeightsOffset: Int { 0 }
    @usableFromInline var recurrentWeightsOffset: Int { 4 * hiddenCount * inputCount }
    @usableFromInline var biasOffset: Int { 4 * hiddenCount * (inputCount + hiddenCount) }

    /// Block of `hExt`/`cExt` that holds the state after step t (block `T` or `0` is the zero
    /// initial state).
    @inlinable
    func stateBlock(after t: Int, timeSteps T: Int) -> Int {
        direction == .forward ? t + 1 : t
    }

    /// Block holding the state before step t.
    @inlinable
    func stateBlock(before t: Int, timeSteps T: Int) -> Int {
        direction == .forward ? t : t + 1
    }

    /// Time index of the `s`-th processed step.
    @inlinable
    func step(_ s: Int, timeSteps T: Int) -> Int {
        direction == .forward ? s : T - 1 - s
    }
}

/// What the forward pass of one ``LSTMLayer`` keeps for its backward pass, reused between batches.
final class LSTMCache<S: LearningScalar>: @unchecked Sendable {
    /// Activated gates (i, f, g, o): 4H × (T·B).
    let gates = ScratchBuffer<S>()
    /// Hidden states with one extra zero block for the initial state: H × ((T+1)·B).
    let hidden = ScratchBuffer<S>()
    /// Cell states, same layout as `hidden`.
    let cell = ScratchBuffer<S>()
    /// tanh(c_t): H × (T·B).
    let cellTanh = ScratchBuffer<S>()
    /// Backward scratch: pre-activation gate gradients 4H × (T·B), carries H × B.
    let gateGradient = ScratchBuffer<S>()
    let hiddenCarry = ScratchBuffer<S>()
    let cellCarry = ScratchBuffer<S>()

    init() {}
}

extension LSTMLayer {
    /// Forward pass over a padded batch.
    ///
    /// - Parameters:
    ///   - parameters: this layer's ``parameterCount`` scalars.
    ///   - input: X, F × (T·B), column `t·B + b` (see ``SequenceShape``).
    ///   - output: receives h_t ⊙ m_t in rows `outputRow..<outputRow+H` of a matrix with leading
    ///     dimension `outputStride` and T·B columns (so two directions can fill one 2H×(T·B)
    ///     concatenation).
    /// - Complexity: one (4H×F)·(F×TB) GEMM plus T (4H×H)·(H×B) GEMMs and O(H·T·B) gate math.
    func forward<S: LearningScalar>(
        parameters: UnsafePointer<S>, input: UnsafePointer<S>, shape: SequenceShape,
        cache: LSTMCache<S>, output: UnsafeMutablePointer<S>, outputStride: Int, outputRow: Int
    ) {
        let H = hiddenCount, F = inputCount, T = shape.timeSteps, B = shape.batchSize
        let N = T * B
        let G = cache.gates.reserve(4 * H * N)
        let hExt = cache.hidden.reserve(H * (N + B))
        let cExt = cache.cell.reserve(H * (N + B))
        let tanhC = cache.cellTanh.reserve(H * N)
        let Wx = parameters + inputWeightsOffset
        let Wh = parameters + recurrentWeightsOffset
        let bias = parameters + biasOffset

        // Zero initial state.
        let zeroBlock = direction == .forward ? 0 : T
        (hExt + zeroBlock * B * H).update(repeating: 0, count: B * H)
        (cExt + zeroBlock * B * H).update(repeating: 0, count: B * H)

        // Pre-activations of all steps at once: G = b·1ᵀ + W_x·X.
        for column in 0..<N {
            (G + column * 4 * H).update(from: bias, count: 4 * H)
        }
        S.gemm(
            .none, .none, m: 4 * H, n: N, k: F, alpha: 1, a: Wx, lda: 4 * H, b: input, ldb: F,
            beta: 1, c: G, ldc: 4 * H)

        let lengths = shape.lengths
        for s in 0..<T {
            let t = step(s, timeSteps: T)
            let Gt = G + t * B * 4 * H
            let hPrev = hExt + stateBlock(before: t, timeSteps: T) * B * H
            let cPrev = cExt + stateBlock(before: t, timeSteps: T) * B * H
            let hNow = hExt + stateBlock(after: t, timeSteps: T) * B * H
            let cNow = cExt + stateBlock(after: t, timeSteps: T) * B * H
            if s > 0 {
                if B == 1 {  // one sequence (per-slot inference): GEMV beats a one-column GEMM
                    S.gemv(.none, m: 4 * H, n: H, alpha: 1, a: Wh, lda: 4 * H, x: hPrev, beta: 1, y: Gt)
                } else {
                    S.gemm(
                        .none, .none, m: 4 * H, n: B, k: H, alpha: 1, a: Wh, lda: 4 * H, b: hPrev,
                        ldb: H, beta: 1, c: Gt, ldc: 4 * H)
                }
            }
            for b in 0..<B {
                let g = Gt + b * 4 * H
                let hp = hPrev + b * H, cp = cPrev + b * H
                let hn = hNow + b * H, cn = cNow + b * H
                let tc = tanhC + (t * B + b) * H
                let y = output + (t * B + b) * outputStride + outputRow
                if t < lengths[b] {
                    // Gate activations block by block (contiguous loops that vectorise).
                    for j in 0..<(2 * H) { g[j] = sigmoid(g[j]) }  // i, f
                    for j in (2 * H)..<(3 * H) { g[j] = hyperbolicTangent(g[j]) }  // g
                    for j in (3 * H)..<(4 * H) { g[j] = sigmoid(g[j]) }  // o
                    // c_t = f ⊙ c_{t−1} + i ⊙ g, then tanh(c_t), then h_t = o ⊙ tanh(c_t): one
                    // simple loop each, so each vectorises.
                    for j in 0..<H { cn[j] = g[H + j] * cp[j] + g[j] * g[2 * H + j] }
                    for j in 0..<H { tc[j] = hyperbolicTangent(cn[j]) }
                    for j in 0..<H { hn[j] = g[3 * H + j] * tc[j] }
                    y.update(from: hn, count: H)
                } else {
                    for j in 0..<H {
                        hn[j] = hp[j]
                        cn[j] = cp[j]
                        y[j] = 0
                    }
                }
            }
        }
    }

    /// Backward pass (backpropagation through time) after ``forward(parameters:input:shape:cache:output:outputStride:outputRow:)``
    /// on the same batch.
    ///
    /// - Parameters:
    ///   - outputGradient: ∂L/∂y in the layout of the forward `output`.
    ///   - parameterGradient: this layer's gradient block; ∂L/∂θ is *added* to it.
    ///   - inputGradient: if given, ∂L/∂X (F × T·B) is *added* to it.
    func backward<S: LearningScalar>(
        parameters: UnsafePointer<S>, input: UnsafePointer<S>, shape: SequenceShape,
        cache: LSTMCache<S>, outputGradient: UnsafePointer<S>, outputStride: Int, outputRow: Int,
        parameterGradient: UnsafeMutablePointer<S>, inputGradient: UnsafeMutablePointer<S>?
    ) {
        let H = hiddenCount, F = inputCount, T = shape.timeSteps, B = shape.batchSize
        let N = T * B
        let G = cache.gates.pointer
        let hExt = cache.hidden.pointer
        let cExt = cache.cell.pointer
        let tanhC = cache.cellTanh.pointer
        let dG = cache.gateGradient.reserve(4 * H * N)
        let dh = cache.hiddenCarry.zeroed(H * B)
        let dc = cache.cellCarry.zeroed(H * B)
        let Wx = parameters + inputWeightsOffset
        let Wh = parameters + recurrentWeightsOffset
        let lengths = shape.lengths

        for s in stride(from: T - 1, through: 0, by: -1) {
            let t = step(s, timeSteps: T)
            let Gt = G + t * B * 4 * H
            let dGt = dG + t * B * 4 * H
            let cPrev = cExt + stateBlock(before: t, timeSteps: T) * B * H
            for b in 0..<B {
                let g = Gt + b * 4 * H
                let dg = dGt + b * 4 * H
                let dhb = dh + b * H, dcb = dc + b * H
                let cp = cPrev + b * H
                let tc = tanhC + (t * B + b) * H
                let dy = outputGradient + (t * B + b) * outputStride + outputRow
                if t < lengths[b] {
                    for j in 0..<H {
                        let i = g[j], f = g[H + j], gg = g[2 * H + j], o = g[3 * H + j]
                        let th = tc[j]
                        let dhTotal = dhb[j] + dy[j]
                        let dcTotal = dcb[j] + dhTotal * o * (1 - th * th)
                        dg[j] = dcTotal * gg * i * (1 - i)
                        dg[H + j] = dcTotal * cp[j] * f * (1 - f)
                        dg[2 * H + j] = dcTotal * i * (1 - gg * gg)
                        dg[3 * H + j] = dhTotal * th * o * (1 - o)
                        dcb[j] = dcTotal * f
                        dhb[j] = 0
                    }
                } else {
                    // Carried state: gradients pass through; the padded output has no gradient.
                    (dg).update(repeating: 0, count: 4 * H)
                }
            }
            if s > 0 {
                // ∂L/∂h_{t−1} += W_hᵀ·∂L/∂G_t
                S.gemm(
                    .transpose, .none, m: H, n: B, k: 4 * H, alpha: 1, a: Wh, lda: 4 * H, b: dGt,
                    ldb: 4 * H, beta: 1, c: dh, ldc: H)
            }
        }

        // Weight gradients over all steps at once.
        let dWx = parameterGradient + inputWeightsOffset
        let dWh = parameterGradient + recurrentWeightsOffset
        let db = parameterGradient + biasOffset
        S.gemm(
            .none, .transpose, m: 4 * H, n: F, k: N, alpha: 1, a: dG, lda: 4 * H, b: input,
            ldb: F, beta: 1, c: dWx, ldc: 4 * H)
        let firstPrevBlock = direction == .forward ? 0 : 1
        S.gemm(
            .none, .transpose, m: 4 * H, n: H, k: N, alpha: 1, a: dG, lda: 4 * H,
            b: hExt + firstPrevBlock * B * H, ldb: H, beta: 1, c: dWh, ldc: 4 * H)
        for column in 0..<N {
            let d = dG + column * 4 * H
            for r in 0..<(4 * H) { db[r] += d[r] }
        }
        if let dX = inputGradient {
            S.gemm(
                .transpose, .none, m: F, n: N, k: 4 * H, alpha: 1, a: Wx, lda: 4 * H, b: dG,
                ldb: 4 * H, beta: 1, c: dX, ldc: F)
        }
    }
}
