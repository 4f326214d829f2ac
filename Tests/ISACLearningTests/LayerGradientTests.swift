import Foundation
import ISACMath
import Testing
@testable import ISACLearning

/// Every layer's analytic backward pass against central finite differences (double precision).
/// Each layer is wrapped into the scalar L = Σ w ⊙ y with fixed random weights w, so ∂L/∂y = w.
struct LayerGradientTests {
    static let shape = SequenceShape(lengths: [4, 2, 3, 1])

    @Test(arguments: [LSTMLayer.Direction.forward, .reverse])
    func lstmDirectionGradientsMatchFiniteDifferences(direction: LSTMLayer.Direction) {
        var rng = Xoshiro256StarStar(seed: 11)
        let layer = LSTMLayer(inputCount: 5, hiddenCount: 3, direction: direction)
        let shape = Self.shape
        let N = shape.columnCount, H = layer.hiddenCount
        let θ = GradientCheck.randomVector(layer.parameterCount, scale: 0.8, using: &rng)
        let x = GradientCheck.randomVector(layer.inputCount * N, using: &rng)
        let w = GradientCheck.randomVector(H * N, using: &rng)
        let cache = LSTMCache<Double>()

        func loss(_ θ: [Double], _ x: [Double]) -> Double {
            var y = [Double](repeating: 0, count: H * N)
            layer.forward(
                parameters: θ, input: x, shape: shape, cache: cache, output: &y, outputStride: H,
                outputRow: 0)
            return zip(w, y).reduce(0) { $0 + $1.0 * $1.1 }
        }
        var y = [Double](repeating: 0, count: H * N)
        layer.forward(parameters: θ, input: x, shape: shape, cache: cache, output: &y, outputStride: H, outputRow: 0)
        var dθ = [Double](repeating: 0, count: θ.count)
        var dx = [Double](repeating: 0, count: x.count)
        layer.backward(
            parameters: θ, input: x, shape: shape, cache: cache, outputGradient: w, outputStride: H,
            outputRow: 0, parameterGradient: &dθ, inputGradient: &dx)

        let θError = GradientCheck.worstRelativeError(at: θ, analytic: dθ) { loss($0, x) }
        let xError = GradientCheck.worstRelativeError(at: x, analytic: dx) { loss(θ, $0) }
        #expect(θError < GradientCheck.relativeTolerance)
        #expect(xError < GradientCheck.relativeTolerance)
        // Padded outputs are zero and padded inputs get no gradient.
        for t in 0..<shape.timeSteps {
            for b in 0..<shape.batchSize where !shape.isValid(step: t, sequence: b) {
                let column = t * shape.batchSize + b
                #expect(y[(column * H)..<((column + 1) * H)].allSatisfy { $0 == 0 })
                let F = layer.inputCount
                #expect(dx[(column * F)..<((column + 1) * F)].allSatisfy { $0 == 0 })
            }
        }
    }

    @Test(arguments: [DenseLayer.Activation.relu, .identity])
    func denseGradientsMatchFiniteDifferences(activation: DenseLayer.Activation) {
        var rng = Xoshiro256StarStar(seed: 12)
        let layer = DenseLayer(inputCount: 6, outputCount: 4, activation: activation)
        let n = 7
        let θ = GradientCheck.randomVector(layer.parameterCount, using: &rng)
        let x = GradientCheck.randomVector(layer.inputCount * n, using: &rng)
        let w = GradientCheck.randomVector(layer.outputCount * n, using: &rng)
        func loss(_ θ: [Double], _ x: [Double]) -> Double {
            var y = [Double](repeating: 0, count: layer.outputCount * n)
            layer.forward(parameters: θ, input: x, columns: n, output: &y)
            return zip(w, y).reduce(0) { $0 + $1.0 * $1.1 }
        }
        var y = [Double](repeating: 0, count: layer.outputCount * n)
        layer.forward(parameters: θ, input: x, columns: n, output: &y)
        var dy = w
        var dθ = [Double](repeating: 0, count: θ.count)
        var dx = [Double](repeating: 0, count: x.count)
        layer.backward(
            parameters: θ, input: x, output: y, columns: n, outputGradient: &dy,
            parameterGradient: &dθ, inputGradient: &dx)
        if activation == .relu {
            // With this seed some units are inactive, so the ReLU mask is exercised.
            #expect(y.contains(0) && y.contains { $0 > 0 })
        }
        #expect(GradientCheck.worstRelativeError(at: θ, analytic: dθ) { loss($0, x) } < GradientCheck.relativeTolerance)
        #expect(GradientCheck.worstRelativeError(at: x, analytic: dx) { loss(θ, $0) } < GradientCheck.relativeTolerance)
    }

    @Test func softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        var rng = Xoshiro256StarStar(seed: 13)
        let shape = Self.shape, C = 3
        let z = GradientCheck.randomVector(C * shape.columnCount, scale: 3, using: &rng)
        let labels = (0..<shape.columnCount).map { _ in Int32(rng.nextInt(below: C)) }
        let scale = 1.0 / Double(shape.validCount)
        func loss(_ z: [Double]) -> Double {
            SoftmaxCrossEntropyLoss.evaluate(
                logits: z, classCount: C, labels: labels, shape: shape, scale: scale, gradient: nil
            ).loss
        }
        var g = [Double](repeating: .nan, count: z.count)
        let value = SoftmaxCrossEntropyLoss.evaluate(
            logits: z, classCount: C, labels: labels, shape: shape, scale: scale, gradient: &g)
        #expect(GradientCheck.worstRelativeError(at: z, analytic: g) { loss($0) } < GradientCheck.relativeTolerance)
        // Independent value: mean over valid positions of −ln softmax computed naively.
        var naive = 0.0
        for t in 0..<shape.timeSteps {
            for b in 0..<shape.batchSize where shape.isValid(step: t, sequence: b) {
                let col = t * shape.batchSize + b
                let e = (0..<C).map { Foundation.exp(z[col * C + $0]) }
                naive -= Foundation.log(e[Int(labels[col])] / e.reduce(0, +))
            }
        }
        #expect(abs(value.loss - naive * scale) < 1e-12)
    }

    @Test func meanSquaredErrorGradientMatchesFiniteDifferences() {
        var rng = Xoshiro256StarStar(seed: 14)
        let shape = Self.shape, R = 4
        let yHat = GradientCheck.randomVector(R * shape.columnCount, using: &rng)
        let y = GradientCheck.randomVector(R * shape.columnCount, using: &rng)
        let scale = 1.0 / Double(shape.validCount * R)
        var g = [Double](repeating: .nan, count: y.count)
        _ = MeanSquaredErrorLoss.evaluate(
            outputs: yHat, targets: y, outputCount: R, shape: shape, scale: scale, gradient: &g)
        let error = GradientCheck.worstRelativeError(at: yHat, analytic: g) {
            MeanSquaredErrorLoss.evaluate(
                outputs: $0, targets: y, outputCount: R, shape: shape, scale: scale, gradient: nil)
        }
        #expect(error < GradientCheck.relativeTolerance)
    }
}
