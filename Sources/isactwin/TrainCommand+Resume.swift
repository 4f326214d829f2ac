import Foundation
import ISACLearning
import ISACPhysics

extension TrainCommand {
    /// The identity of the training data and of the validation data if any (D16).
    static func datasetIdentity(train: String, validation: String?) throws -> String {
        func identity(_ directory: String) throws -> String {
            let path = (directory as NSString).appendingPathComponent(DatasetManifest.fileName)
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw ConfigError(field: "--data", value: "'\(directory)'", validRange: "a dataset directory (no readable \(path))")
            }
            return try DatasetManifest.decode(bytes).identity
        }
        return try identity(train) + (try validation.map { "+" + (try identity($0)) } ?? "")
    }

    /// Refuses to resume a checkpoint trained on other data or past the requested epochs.
    static func checkResume(_ checkpoint: TrainingCheckpoint, identity: String, epochs: Int, data: String, out: String) throws {
        if let saved = checkpoint.datasetIdentity, saved != identity {
            throw ConfigError(
                field: "--data", value: "'\(data)' (dataset identity \(identity))",
                validRange: "the dataset the checkpoint in '\(out)' was trained on (identity \(saved)); use another --out to train on this data")
        }
        if epochs < checkpoint.curve.count {
            throw ConfigError(
                field: "--epochs", value: "\(epochs)",
                validRange: "at least the \(checkpoint.curve.count) epochs the checkpoint in '\(out)' already has (or another --out)")
        }
    }
}
