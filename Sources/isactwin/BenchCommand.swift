import ArgumentParser

/// `isactwin bench …`: benchmarks (release build, reported, never asserted in tests).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the twin's speed (build with -c release).",
        discussion: "Example: isactwin bench tracking --tracks 10,50,100",
        subcommands: [BenchTrackingCommand.self, BenchDecisionsCommand.self, BenchLSTMCommand.self, BenchLabelsCommand.self])
}
