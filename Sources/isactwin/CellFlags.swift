import ArgumentParser
import DigitalTwin

/// `--deadline-scope`, `--cell-workers` and `--quiet-cells`: how `simulate` decides the cells of a
/// corridor (C12-C13), mapped onto ``TwinOptions`` and validated in the D11 style.
struct CellFlags: ParsableArguments {
    @Option(help: "Who owns the slot's deadline on a corridor (with --enforce-deadline): corridor (one central twin whose cores share the slot: cells packed onto --cell-workers cores by their vehicle counts, each cell a share of its core's 75 % of T in proportion to its work) or cell (a roadside twin per decision cell: each cell's decision gets 75 % of T on its own core).")
    var deadlineScope: String = DeadlineScope.corridor.rawValue

    @Option(help: "Threads solving a slot's decision cells concurrently, and the central twin's cores under --deadline-scope corridor (default: the machine's active processors). Without a time budget the decisions do not depend on it.")
    var cellWorkers: Int?

    @Option(help: "A corridor cell whose vehicles are those of its last solved decision and whose links moved by at most this many beamwidths (2/N_t in direction cosine) since takes its carried start instead of being solved (default: 0 = off; a frozen decision loses more rate than the time it frees buys back, MODEL.md C13).")
    var quietCells: Double?

    func validate() throws {
        try FlagCheck.oneOf("--deadline-scope", deadlineScope, DeadlineScope.allCases.map(\.rawValue))
        if let n = cellWorkers { try FlagCheck.integer("--cell-workers", n, 1...1024) }
        if let q = quietCells { try FlagCheck.number("--quiet-cells", q, 0, 1000, unit: " beamwidths") }
    }

    /// `options` with these flags applied (validated by the library too).
    func applied(to options: TwinOptions) throws -> TwinOptions {
        var o = options
        o.deadlineScope = DeadlineScope(rawValue: deadlineScope)
        o.cellWorkers = cellWorkers
        o.quietCellBeamwidths = quietCells
        try o.validate()
        return o
    }
}
