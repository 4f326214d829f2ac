/// Per-slot inference with a trained model, for the `lstm` decision policy.
///
/// One engine per thread (it owns its workspace). After the first call with the largest K, a call
/// allocates nothing: features are normalised into a reused buffer, the network runs as a batch of
/// one sequence (B = 1), and results are written into the caller's buffer.
public final class InferenceEngine: @unchecked Sendable {
    public let model: LearnedModel
    private let workspace = NetworkWorkspace<Float>()
    private let input = ScratchBuffer<Float>()
    private var lengths: [Int] = [1]

    public init(model: LearnedModel) { self.model = model }

    /// Values per vehicle in the output: the number of RSUs (assignment) or 2N_t (beamforming).
    public var outputCount: Int { model.architecture.outputCount }

    /// Runs the network on K vehicles sorted along the road.
    ///
    /// - Parameters:
    ///   - features: K·F raw (un-normalised) features, vehicle-major as in ``LearningSample``.
    ///   - output: at least K·O values, vehicle-major: for assignment the softmax probabilities of
    ///     each RSU, for beamforming [Re f, Im f] (not yet projected to ‖f‖ ≤ 1).
    public func predict(
        features: UnsafeBufferPointer<Float>, vehicleCount K: Int,
        into output: UnsafeMutableBufferPointer<Float>
    ) {
        let net = model.architecture
        let F = net.inputCount, O = net.outputCount
        precondition(K >= 1 && features.count >= K * F, "need K ≥ 1 and K·F features")
        precondition(output.count >= K * O, "output needs K·O = \(K * O) values")
        let x = input.reserve(K * F)
        for k in 0..<K {
            model.normalisation.apply(features.baseAddress! + k * F, to: x + k * F)
        }
        lengths[0] = K
        let shape = SequenceShape(lengths: lengths)
        let y = model.parameters.withUnsafeBufferPointer { θ in
            net.forward(parameters: θ.baseAddress!, input: x, shape: shape, workspace: workspace)
        }
        let out = output.baseAddress!
        switch net.task {
        case .beamforming:
            out.update(from: y, count: K * O)
        case .assignment:
            for k in 0..<K {
                let z = y + k * O, p = out + k * O
                var zMax = z[0]
                for c in 1..<O where z[c] > zMax { zMax = z[c] }
                var sum: Float = 0
                for c in 0..<O {
                    p[c] = Float.exponential(z[c] - zMax)
                    sum += p[c]
                }
                for c in 0..<O { p[c] /= sum }
            }
        }
    }

    /// `engine(features, vehicleCount: K)`: same as ``predict(features:vehicleCount:)``.
    public func callAsFunction(_ features: [Float], vehicleCount K: Int) -> [Float] {
        predict(features: features, vehicleCount: K)
    }

    /// Convenience: returns a new array of K·O outputs (allocates; use the buffer form per slot).
    public func predict(features: [Float], vehicleCount K: Int) -> [Float] {
        var out = [Float](repeating: 0, count: K * outputCount)
        features.withUnsafeBufferPointer { f in
            out.withUnsafeMutableBufferPointer { o in predict(features: f, vehicleCount: K, into: o) }
        }
        return out
    }
}
