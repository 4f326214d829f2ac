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
        try FlagCheck.oneOf("--preset", preset, ScenarioConfig.presetNames)
    }

    /// The effective, validated configuration, with flag overrides applied: an error in an
    /// overridden field names the flag (`--arrival-rate`, `--antennas`) instead of the JSON path.
    func load(arrivalRate: Double? = nil, antennas: Int? = nil) throws -> ScenarioConfig {
        var config = try loadFile()
        if let r = arrivalRate { config.traffic.arrivalRatePerDirection = r }
        if let n = antennas {
            config.antennas.transmit = n
            config.antennas.receive = n
        }
        do { try config.validate() } catch let e as ConfigError {
            if let r = arrivalRate, e.field == "traffic.arrivalRatePerDirection" {
                throw ConfigError(field: "--arrival-rate", value: "\(r)", validRange: e.validRange)
            }
            if let n = antennas, e.field.hasPrefix("antennas.") {
                throw ConfigError(field: "--antennas", value: "\(n)", validRange: e.validRange)
            }
            throw e
        }
        return config
    }

    private func loadFile() throws -> ScenarioConfig {
        let base = ScenarioConfig.preset(named: preset)!
        guard let path = config else { return base }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(field: "--config", value: "'\(path)'", validRange: "a readable JSON file (not found or unreadable)")
        }
        do {
            return try ScenarioConfig.load(json: data, over: base)
        } catch let error as ConfigError {
            throw ConfigError(field: error.field, value: error.value, validRange: error.validRange + " (in \(path))")
        }
    }
}

/// `--seed`, shared by every command that draws random numbers.
struct SeedOption: ParsableArguments {
    @Option(help: "Master seed; the same seed gives the same output.")
    var seed: UInt64 = 1
}
