/// A trained network: architecture, normalisation and single-precision weights.
public struct LearnedModel: Sendable, Hashable {
    public let architecture: NetworkArchitecture
    public let normalisation: FeatureNormalisation
    /// Flat parameters in the layout of ``NetworkArchitecture``.
    public var parameters: [Float]
    /// Free-form provenance (dataset, epochs, seed, …), saved with the model.
    public var metadata: [String: String]

    public init(
        architecture: NetworkArchitecture, normalisation: FeatureNormalisation, parameters: [Float],
        metadata: [String: String] = [:]
    ) {
        precondition(parameters.count == architecture.parameterCount, "parameter count mismatch")
        precondition(normalisation.featureCount == architecture.inputCount, "normalisation size mismatch")
        self.architecture = architecture
        self.normalisation = normalisation
        self.parameters = parameters
        self.metadata = metadata
    }
}
