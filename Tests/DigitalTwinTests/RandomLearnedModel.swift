import ISACLearning
import ISACMath

/// An untrained network (H = 8, dense 8) with seeded initial parameters and identity
/// normalisation, for tests of the learned policies.
func randomLearnedModel(_ task: LearningTask, inputs: Int, outputs: Int, seed: UInt64) -> LearnedModel {
    let architecture = NetworkArchitecture(task: task, inputCount: inputs, hiddenCount: 8, denseCount: 8, outputCount: outputs)
    var rng = Xoshiro256StarStar(seed: seed)
    return LearnedModel(
        architecture: architecture, normalisation: .identity(featureCount: inputs),
        parameters: architecture.initialParameters(as: Float.self, using: &rng))
}
