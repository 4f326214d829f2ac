import ArgumentParser
import DigitalTwin
import Foundation
import ISACLearning
import ISACOptimization

/// `--lstm DIR`: makes the learned policy `lstm` available. DIR holds the two trained networks,
/// `DIR/assignment/model.islm` and `DIR/beamforming/model.islm` (what
/// `isactwin train --task assignment --out DIR/assignment` and `--task beamforming --out
/// DIR/beamforming` write).
struct LearnedPolicyOption: ParsableArguments {
    @Option(name: .customLong("lstm"), help: "Directory with assignment/model.islm and beamforming/model.islm: enables the policy 'lstm'.")
    var modelDirectory: String?

    /// The standard policies, plus `lstm` when --lstm is given.
    func registry() throws -> DecisionPolicyRegistry {
        guard let directory = modelDirectory else { return .standard }
        return DecisionPolicyRegistry.standard.registering(try Self.load(directory: directory))
    }

    /// The policy names a flag may name.
    var knownNames: [String] {
        DecisionPolicyRegistry.standard.names + (modelDirectory == nil ? [] : ["lstm"])
    }

    /// Why a name is not available: `lstm` needs `--lstm DIR`.
    var hint: [String: String] {
        modelDirectory == nil ? ["lstm": "lstm needs --lstm DIR with the trained networks"] : [:]
    }

    static func load(directory: String) throws -> LearnedPolicy {
        func model(_ task: String) throws -> LearnedModel {
            let path = ((directory as NSString).appendingPathComponent(task) as NSString).appendingPathComponent("model.islm")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("--lstm '\(directory)': \(path) not found (train it with `isactwin train --task \(task) --out \(directory)/\(task)`).")
            }
            do { return try LearnedModel(decoding: data, name: path) } catch {
                throw ValidationError("--lstm '\(directory)': \(path) is not a valid model file: \(error)")
            }
        }
        let a = try model("assignment"), b = try model("beamforming")
        guard a.architecture.task == .assignment, b.architecture.task == .beamforming,
            a.architecture.inputCount == b.architecture.inputCount
        else {
            throw ValidationError("--lstm '\(directory)': assignment/ and beamforming/ must hold an assignment and a beamforming network over the same features.")
        }
        return LearnedPolicy(assignmentModel: a, beamformingModel: b)
    }
}
