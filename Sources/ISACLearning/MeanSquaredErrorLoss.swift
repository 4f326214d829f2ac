/// Masked mean squared error over per-position outputs (the beamforming head).
///
///     L = scale · Σ_valid Σ_r (ŷ_r − y_r)²,   ∂L/∂ŷ = 2·scale·(ŷ − y)
///
/// Outputs and targets are `outputCount × (T·B)` (see ``SequenceShape``). With
/// scale = 1/(valid positions · outputCount) the loss is the mean over all valid components: the
/// MSE reported in the learning curves (Fig. 6).
public enum MeanSquaredErrorLoss {
    /// Returns the scaled loss and writes ∂L/∂ŷ (zero at padded columns) to `gradient` if given.
    static func evaluate<S: LearningScalar>(
        outputs: UnsafePointer<S>, targets: UnsafePointer<S>, outputCount R: Int,
        shape: SequenceShape, scale: S, gradient: UnsafeMutablePointer<S>?
    ) -> Double {
        var loss = 0.0
        let B = shape.batchSize
        for t in 0..<shape.timeSteps {
            for b in 0..<B {
                let column = t * B + b
                let yHat = outputs + column * R, y = targets + column * R
                guard t < shape.lengths[b] else {
                    gradient?.advanced(by: column * R).update(repeating: 0, count: R)
                    continue
                }
                var sum: S = 0
                for r in 0..<R {
                    let e = yHat[r] - y[r]
                    sum += e * e
                }
                loss += Double(sum)
                if let g = gradient?.advanced(by: column * R) {
                    for r in 0..<R { g[r] = 2 * scale * (yHat[r] - y[r]) }
                }
            }
        }
        return loss * Double(scale)
    }
}
