import ISACOptimization
import ISACPhysics

/// The static sweeps of a reproduction (Figs. 7-8, M15) and the sensing-cost sweep the report's
/// claim about the sensing constraint is measured on (R9).
public enum ReproductionSweep: String, Sendable, Codable, CaseIterable {
    /// Fig. 7 on the run's configuration (`fig7.csv`).
    case fig7
    /// Fig. 7 on the `table1-literal` preset (`fig7_table1_literal.csv`, M0).
    case fig7Literal = "fig7-table1-literal"
    /// Fig. 8 (`fig8.csv`).
    case fig8
    /// The heuristic without the sensing constraint at Fig. 7's point ``sensingCostVehicles(plan:)``,
    /// on the same drops (`sensing_cost.csv` pairs it with Fig. 7's heuristic).
    case sensingOff = "sensing-off"

    /// The merged CSV this sweep's tasks feed.
    public var file: String {
        switch self {
        case .fig7: return "fig7.csv"
        case .fig7Literal: return "fig7_table1_literal.csv"
        case .fig8: return "fig8.csv"
        case .sensingOff: return "sensing_cost.csv"
        }
    }

    /// The Fig. 7 point (K) of the sensing-cost comparison: the largest of Fig. 7's K not above
    /// Fig. 8's K (50 in the quick and full plans), else the smallest.
    public static func sensingCostVehicles(plan: ReproductionPlan) -> Int {
        plan.vehicleCounts.filter { $0 <= plan.antennaSweepVehicles }.max() ?? plan.vehicleCounts.min() ?? 1
    }

    /// The sweep's definition (schemes given per task).
    public func definition(
        plan: ReproductionPlan, config: ScenarioConfig, seed: UInt64, schemes: [String],
        registry: DecisionPolicyRegistry = .standard
    ) -> DecisionSweep {
        switch self {
        case .fig7:
            return DecisionSweep(
                kind: .vehicles, config: config, antennaCounts: [plan.sweepAntennas], vehicleCounts: plan.vehicleCounts,
                drops: plan.drops, schemes: schemes, seed: seed, registry: registry)
        case .fig7Literal:
            return DecisionSweep(
                kind: .vehicles, config: .table1Literal, antennaCounts: [plan.sweepAntennas], vehicleCounts: plan.vehicleCounts,
                drops: plan.drops, schemes: schemes, seed: seed, registry: registry)
        case .fig8:
            return DecisionSweep(
                kind: .antennas, config: config, antennaCounts: plan.antennaCounts, vehicleCounts: [plan.antennaSweepVehicles],
                drops: plan.drops, schemes: schemes, seed: seed, registry: registry)
        case .sensingOff:
            var c = config
            c.options.sensingConstraint = false
            return DecisionSweep(
                kind: .vehicles, config: c, antennaCounts: [plan.sweepAntennas],
                vehicleCounts: [Self.sensingCostVehicles(plan: plan)], drops: plan.drops, schemes: schemes, seed: seed,
                registry: registry)
        }
    }
}
