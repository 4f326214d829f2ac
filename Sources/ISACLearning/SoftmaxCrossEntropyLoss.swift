/// Masked softmax cross-entropy over per-position logits (the assignment head).
///
///     p = softmax(z),   L = scale · Σ_valid −ln p_y,   ∂L/∂z = scale · (p − e_y)
///
/// Logits are `classCount × (T·B)` (see ``SequenceShape``); labels hold one class per column
/// (ignored at padded columns). `scale` is usually 1/(number of valid positions in the whole
/// mini-batch), so that halves of a batch computed separately add up to the batch mean.
public enum SoftmaxCrossEntropyLoss {
    /// Returns the scaled loss and the number of valid positions whose arg-max equals the label,
    /// and writes ∂L/∂z (zero at padded columns) to `gradient` if given.
    static func evaluate<S: LearningScalar>(
        logits: UnsafePointer<S>, classCount C: Int, labels: UnsafePointer<Int32>,
        shape: SequenceShape, scale: S, gradient: UnsafeMutablePointer<S>?
    ) -> (loss: Double, correct: Int) {
        var loss = 0.0
        var correct = 0
        let B = shape.batchSize
        for t in 0..<shape.timeSteps {
            for b in 0..<B {
                let column = t * B + b
                let z = logits + column * C
                guard t < shape.lengths[b] else {
                    gradient?.advanced(by: column * C).update(repeating: 0, count: C)
                    continue
                }
                let y = Int(labels[column])
                precondition(y >= 0 && y < C, "label \(y) outside 0..<\(C)")
                // Log-sum-exp with the maximum subtracted (no overflow).
                var best = 0
                for c in 1..<max(C, 1) where z[c] > z[best] { best = c }
                if best == y { correct += 1 }
                let zMax = z[best]
                var sum: S = 0
                for c in 0..<C { sum += S.exponential(z[c] - zMax) }
                let logSum = S.logarithm(sum) + zMax
                loss += Double(logSum - z[y])
                if let g = gradient?.advanced(by: column * C) {
                    for c in 0..<C {
                        let p = S.exponential(z[c] - logSum)
                        g[c] = scale * (p - (c == y ? 1 : 0))
                    }
                }
            }
        }
        return (loss * Double(scale), correct)
    }
}
