extension TrainingCheckpoint {
    /// Model metadata key of the training data's identity (``DatasetManifest/identity``, D16).
    public static let datasetIdentityKey = "datasetIdentity"

    /// The identity of the data this checkpoint was trained on (nil for checkpoints written before
    /// identities were recorded).
    public var datasetIdentity: String? { model.metadata[Self.datasetIdentityKey] }

    /// Throws unless the checkpoint was trained on data of `identity` and can reach `epochs`.
    public func checkResumable(datasetIdentity identity: String, epochs: Int) throws {
        if let saved = datasetIdentity, saved != identity {
            throw TrainingError.checkpointMismatch(
                "the checkpoint was trained on another dataset (identity \(saved), this run's data \(identity))")
        }
        if epochs < curve.count {
            throw TrainingError.checkpointMismatch(
                "the checkpoint already has \(curve.count) epochs, more than the \(epochs) asked for")
        }
    }
}
