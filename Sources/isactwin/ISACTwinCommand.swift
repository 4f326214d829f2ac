import ArgumentParser

@main
struct ISACTwinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isactwin",
        abstract: "A digital twin for integrated sensing and communication in vehicular networks.",
        subcommands: [ConfigCommand.self, TrafficCommand.self, TrackCommand.self, SweepCommand.self, SimulateCommand.self, TrainCommand.self, SyntheticDatasetCommand.self, DatasetCommand.self, ReproduceCommand.self, RunTaskCommand.self, MergeCommand.self, BenchCommand.self])
}
