import ISACMath
import Testing
@testable import ISACLearning

/// Padded positions change neither outputs nor gradients: a sequence evaluated alone (no padding)
/// and inside a batch padded to a longer T gives the same valid outputs, and the batch gradient is
/// the sum of the per-sequence gradients.
struct PaddingInvarianceTests {
    @Test(arguments: LearningTask.allCases)
    func paddingChangesNeitherOutputsNorGradients(task: LearningTask) {
        var rng = Xoshiro256StarStar(seed: 31)
        let net = NetworkArchitecture(task: task, inputCount: 3, hiddenCount: 4, denseCount: 5, outputCount: 3)
        let θ: [Double] = net.initialParameters(using: &rng)
        let lengths = [2, 5, 3]
        let F = net.inputCount, O = net.outputCount
        let sequences = lengths.map { K in GradientCheck.randomVector(K * F, using: &rng) }
        let labels = lengths.map { K in (0..<K).map { _ in Int32(rng.nextInt(below: O)) } }
        let targets = lengths.map { K in GradientCheck.randomVector(K * O, using: &rng) }

        // Batch, padded to T = 7 with garbage in the padded inputs.
        let shape = SequenceShape(lengths: lengths, timeSteps: 7)
        let B = lengths.count, N = shape.columnCount
        var x = GradientCheck.randomVector(F * N, scale: 100, using: &rng)
        var l = [Int32](repeating: 0, count: N)
        var y = [Double](repeating: 55, count: O * N)
        for (b, K) in lengths.enumerated() {
            for t in 0..<K {
                let col = t * B + b
                for j in 0..<F { x[col * F + j] = sequences[b][t * F + j] }
                l[col] = labels[b][t]
                for r in 0..<O { y[col * O + r] = targets[b][t * O + r] }
            }
        }
        let w = NetworkWorkspace<Double>()
        var batchGradient = [Double](repeating: 0, count: θ.count)
        _ = net.loss(parameters: θ, input: x, shape: shape, labels: l, targets: y, scale: 1, workspace: w, parameterGradient: &batchGradient)
        let batchOutputs = Array(UnsafeBufferPointer(start: w.output.pointer, count: O * N))

        var summedGradient = [Double](repeating: 0, count: θ.count)
        var worstOutput = 0.0
        for (b, K) in lengths.enumerated() {
            var g = [Double](repeating: 0, count: θ.count)
            let single = NetworkWorkspace<Double>()
            _ = net.loss(
                parameters: θ, input: sequences[b], shape: SequenceShape(lengths: [K]), labels: labels[b],
                targets: targets[b], scale: 1, workspace: single, parameterGradient: &g)
            for t in 0..<K {
                for r in 0..<O {
                    worstOutput = max(worstOutput, abs(single.output.pointer[t * O + r] - batchOutputs[(t * B + b) * O + r]))
                }
            }
            for e in g.indices { summedGradient[e] += g[e] }
        }
        // Same operations in a different GEMM shape: agreement to rounding (1e-12 absolute on
        // O(1) quantities), whereas any leak from the ×100 garbage padding would be O(1).
        #expect(worstOutput < 1e-12)
        let worstGradient = zip(batchGradient, summedGradient).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worstGradient < 1e-11)
    }
}
