import ArgumentParser
import Foundation
import ISACPhysics

/// `--preset` and `--config`, shared by every command that runs a scenario.
struct ScenarioOptions: ParsableArguments {
    @Option(help: "Preset to start from: \(ScenarioConfig.presetNames.joined(separator: " or ")).")
    var preset: String = "paper"

    @Option(help: "JSON file overriding any subset of the preset (see `isactwin config`).")
    var config: String?

    func validate() throws {
        guard ScenarioConfig.preset(named: preset) != nil else {
            throw ValidationError(
                "--preset '\(preset)' is unknown; valid: \(ScenarioConfig.presetNames.joined(separator: ", ")).")
        }
    }

    /// The effective, validated configuration.
    func load() throws -> ScenarioConfig {
        let base = ScenarioConfig.preset(named: preset)!
        guard let path = config else {
            try base.validate()
            return base
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("--config '\(path)': file not found or unreadable.")
        }
        do {
            return try ScenarioConfig.load(json: data, over: base)
        } catch let error as ConfigError {
            throw ValidationError("--config '\(path)': \(error)")
        }
    }
}

/// `--seed`, shared by every command that draws random numbers.
struct SeedOption: ParsableArguments {
    @Option(help: "Master seed; the same seed gives the same output.")
    var seed: UInt64 = 1
}
