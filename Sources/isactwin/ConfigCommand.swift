import ArgumentParser
import ISACPhysics

/// `isactwin config`: prints the full effective configuration as JSON.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective scenario configuration as JSON.",
        discussion: """
            Prints every parameter (Table I of the paper and every option of docs/MODEL.md) of a \
            preset, with a config file's overrides applied. Save it, edit any subset, and pass it \
            back with --config to any command.

            Example:
              isactwin config --preset paper > my.json
              isactwin traffic --config my.json
            """)

    @OptionGroup var scenario: ScenarioOptions

    func run() throws {
        print(try scenario.load().jsonString())
    }
}
