/// Assembles a padded mini-batch (or half of one) from a ``PreparedDataset`` and runs the network's
/// loss and gradient on it. One worker per training thread; its buffers are reused.
final class BatchWorker: @unchecked Sendable {
    let workspace = NetworkWorkspace<Float>()
    private let input = ScratchBuffer<Float>()
    private let targets = ScratchBuffer<Float>()
    private var labels: [Int32] = []
    /// ∂L/∂θ of the last ``run(architecture:parameters:data:samples:scale:computeGradient:)``.
    var gradient: [Float]
    private(set) var result: (loss: Double, correct: Int, squaredError: Double) = (0, 0, 0)

    init(parameterCount: Int) {
        gradient = .init(repeating: 0, count: parameterCount)
    }

    /// Loss (and gradient, if asked) over the samples `samples` (indices into `data`).
    func run(
        architecture net: NetworkArchitecture, parameters θ: UnsafePointer<Float>,
        data: PreparedDataset, samples: ArraySlice<Int>, scale: Float, computeGradient: Bool
    ) {
        guard !samples.isEmpty else {
            result = (0, 0, 0)
            if computeGradient { gradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
            return
        }
        let lengths = samples.map { data.lengths[$0] }
        let shape = SequenceShape(lengths: lengths)
        let T = shape.timeSteps, B = shape.batchSize, N = shape.columnCount
        let F = data.featureCount, R = data.beamComponentCount
        let x = input.reserve(F * N)
        let isBeam = net.task == .beamforming
        let y = targets.reserve(isBeam ? R * N : 1)
        if labels.count < N { labels = .init(repeating: 0, count: N) }
        data.features.withUnsafeBufferPointer { features in
            data.beams.withUnsafeBufferPointer { beams in
                for (b, s) in samples.enumerated() {
                    let first = data.firstVehicle[s], K = data.lengths[s]
                    for t in 0..<T {
                        let column = t * B + b
                        if t < K {
                            (x + column * F).update(from: features.baseAddress! + (first + t) * F, count: F)
                            labels[column] = data.assignments[first + t]
                            if isBeam { (y + column * R).update(from: beams.baseAddress! + (first + t) * R, count: R) }
                        } else {
                            (x + column * F).update(repeating: 0, count: F)
                            labels[column] = 0
                            if isBeam { (y + column * R).update(repeating: 0, count: R) }
                        }
                    }
                }
            }
        }
        if computeGradient {
            gradient.withUnsafeMutableBufferPointer { g in
                g.update(repeating: 0)
                result = labels.withUnsafeBufferPointer { l in
                    net.loss(
                        parameters: θ, input: x, shape: shape, labels: l.baseAddress!, targets: y,
                        scale: scale, workspace: workspace, parameterGradient: g.baseAddress!)
                }
            }
        } else {
            result = labels.withUnsafeBufferPointer { l in
                net.loss(
                    parameters: θ, input: x, shape: shape, labels: l.baseAddress!, targets: y,
                    scale: scale, workspace: workspace, parameterGradient: nil)
            }
        }
    }
}

/// A raw pointer handed to worker threads that only read through it while the owner keeps the
/// storage alive and unmodified.
struct SharedPointer<T>: @unchecked Sendable {
    let pointer: UnsafePointer<T>
}
