/// How a slot's decision cells are spread over the twin's workers and how each worker's slot is
/// shared by its cells (C12-C13). Pure functions of the cells' work, tested on their own.
public enum CellSchedule {
    /// The work estimate of a cell that must be solved: its vehicle count K (a quiet cell, which
    /// takes its carried start, has no work, C13).
    public static func weight(vehicles: Int, quiet: Bool) -> Double { quiet ? 0 : Double(vehicles) }

    /// Longest-processing-time packing: the cells in decreasing weight (ties: lower index first),
    /// each to the worker with the least weight so far (ties: lower worker). Returns the cell
    /// indices of every worker in the order it solves them; workers without cells are omitted.
    /// Deterministic: the same weights always give the same groups.
    public static func groups(weights: [Double], workers: Int) -> [[Int]] {
        precondition(workers >= 1, "at least one worker")
        let order = weights.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }
        var load = [Double](repeating: 0, count: min(workers, max(weights.count, 1)))
        var groups = [[Int]](repeating: [], count: load.count)
        for c in order {
            let w = load.indices.min { load[$0] != load[$1] ? load[$0] < load[$1] : $0 < $1 }!
            groups[w].append(c)
            load[w] += weights[c]
        }
        return groups.filter { !$0.isEmpty }
    }

    /// The time budget of a worker's next cell: the worker's remaining budget in proportion to the
    /// cell's share of the weight still to solve (the cell itself included), so time a cell leaves
    /// unused flows to the cells after it. The time already spent plus the budget granted never
    /// exceeds the worker's budget; a cell without weight gets nothing (unless no weight remains:
    /// then it gets what is left), the last cell everything.
    /// - Parameters:
    ///   - remaining: the worker's budget minus the time its earlier cells took (clamped at 0), s.
    ///   - weight: the cell's weight; remainingWeight: the weights of the worker's cells not yet
    ///     solved, this one included.
    public static func budget(remaining: Double, weight: Double, remainingWeight: Double) -> Double {
        let left = max(remaining, 0)
        guard remainingWeight > 0 else { return left }
        return left * min(max(weight / remainingWeight, 0), 1)
    }
}

/// One worker's share of the slot as it solves its cells one after the other (C12): each cell is
/// granted ``CellSchedule/budget(remaining:weight:remainingWeight:)`` of what its predecessors left.
public struct WorkerBudget: Sendable {
    /// The worker's budget for the slot (75 % of T, O12), s.
    public let total: Double
    /// Thread CPU time its cells have taken so far, s.
    public private(set) var spent = 0.0
    private var remainingWeight: Double

    /// - Parameter weights: the weights of every cell the worker will solve.
    public init(total: Double, weights: [Double]) {
        self.total = total
        remainingWeight = weights.reduce(0, +)
    }

    /// The budget of the next cell, of weight `weight` (taken off the weight still to solve).
    public mutating func grant(weight: Double) -> Double {
        let b = CellSchedule.budget(remaining: total - spent, weight: weight, remainingWeight: remainingWeight)
        remainingWeight -= weight
        return b
    }

    /// Charges the time a cell took.
    public mutating func charge(_ seconds: Double) { spent += seconds }
}
