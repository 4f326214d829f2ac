import ArgumentParser

/// `isactwin dataset`: generate learning datasets (the default, ``DatasetCommand``) or merge them
/// (``DatasetMergeCommand``).
struct DatasetGroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Generate learning datasets from the twin (default), or merge datasets.",
        discussion: """
            `isactwin dataset [generate] …` writes datasets (see `isactwin dataset generate --help`); \
            `isactwin dataset merge OUT SOURCE…` concatenates them (e.g. DAgger iterations).
            """,
        subcommands: [DatasetCommand.self, DatasetMergeCommand.self],
        defaultSubcommand: DatasetCommand.self)
}
