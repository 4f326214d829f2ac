/// Who owns the slot's deadline on a road of several decision cells (C12).
///
/// On a one-cell road (the paper's scene) both are the same: the cell's decision has the slot.
public enum DeadlineScope: String, Sendable, Codable, CaseIterable {
    /// One roadside twin per decision cell (per RSU pair), each on its own core with its own slot:
    /// every cell's decision gets 75 % of T and is late when it takes longer than T.
    case cell
    /// One central twin for the whole corridor on ``TwinOptions/cellWorkers`` cores: the cells are
    /// packed onto the cores by their work and share each core's slot (``CellSchedule``); a cell is
    /// late when its core finishes it after T.
    case corridor
}
