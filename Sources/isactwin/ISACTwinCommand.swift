import ArgumentParser
import Foundation
import ISACMath
import ISACPhysics

@main
struct ISACTwinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isactwin",
        abstract: "A digital twin for integrated sensing and communication in vehicular networks.",
        discussion: "Exit codes: 0 success, 64 invalid flag or configuration (the message names the field, its value and the valid range), 130 interrupted, 1 other failures.",
        subcommands: [ConfigCommand.self, TrafficCommand.self, TrackCommand.self, SweepCommand.self, SimulateCommand.self, TrainCommand.self, SyntheticDatasetCommand.self, DatasetGroupCommand.self, ReproduceCommand.self, RunTaskCommand.self, MergeCommand.self, BenchCommand.self])

    /// Parses and runs; a ``ConfigError`` thrown while running (a configuration file, a flag checked
    /// against the configuration, an unusable `--out`) exits with 64 like a flag error (D11).
    static func main() {
        // Every command runs its own parallel work (one task per core); BLAS stays single-threaded
        // for the whole process so it never oversubscribes the cores (D15, the one place).
        BLAS.setThreadCount(1)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: error)
        }
    }
}
