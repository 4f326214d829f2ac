import ISACMath
import Testing
@testable import ISACLearning

/// The whole bidirectional network (both LSTM directions, dense ReLU, output layer, loss) against
/// central finite differences in double precision, on a padded batch.
struct NetworkGradientTests {
    @Test(arguments: LearningTask.allCases)
    func wholeNetworkGradientMatchesFiniteDifferences(task: LearningTask) {
        var rng = Xoshiro256StarStar(seed: 21)
        let net = NetworkArchitecture(
            task: task, inputCount: 4, hiddenCount: 3, denseCount: 5,
            outputCount: task == .assignment ? 2 : 4)
        let shape = SequenceShape(lengths: [3, 1, 4])
        let N = shape.columnCount
        let θ: [Double] = net.initialParameters(using: &rng)
        let x = GradientCheck.randomVector(net.inputCount * N, using: &rng)
        let labels = (0..<N).map { _ in Int32(rng.nextInt(below: 2)) }
        let targets = GradientCheck.randomVector(net.outputCount * N, using: &rng)
        let scale = 1.0 / Double(shape.validCount)
        let workspace = NetworkWorkspace<Double>()
        func loss(_ θ: [Double], _ x: [Double]) -> Double {
            net.loss(
                parameters: θ, input: x, shape: shape, labels: labels, targets: targets,
                scale: scale, workspace: workspace, parameterGradient: nil
            ).loss
        }
        var dθ = [Double](repeating: 0, count: θ.count)
        var dx = [Double](repeating: 0, count: x.count)
        _ = net.loss(
            parameters: θ, input: x, shape: shape, labels: labels, targets: targets, scale: scale,
            workspace: workspace, parameterGradient: &dθ, inputGradient: &dx)
        #expect(GradientCheck.worstRelativeError(at: θ, analytic: dθ) { loss($0, x) } < GradientCheck.relativeTolerance)
        #expect(GradientCheck.worstRelativeError(at: x, analytic: dx) { loss(θ, $0) } < GradientCheck.relativeTolerance)
    }
}
