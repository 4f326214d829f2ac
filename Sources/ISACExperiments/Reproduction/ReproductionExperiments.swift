import DigitalTwin
import ISACMath
import ISACOptimization
import ISACPhysics
import ISACTracking

/// The experiments of Figs. 5-11 as data + calls into the library: a plan and a configuration in,
/// the experiment (or a figure's CSV text) out. `isactwin reproduce` adds progress, interruption
/// and files; the tests run the same definitions on ``ReproductionPlan/tiny``.
public enum ReproductionExperiments {
    /// The configuration with N_t = N_r = n, validated.
    public static func config(_ base: ScenarioConfig, antennas n: Int) throws -> ScenarioConfig {
        var c = base
        c.antennas.transmit = n
        c.antennas.receive = n
        try c.validate()
        return c
    }

    /// Fig. 11 (`fig11.csv`): one vehicle's pass per N, each N on its own stream (seed, N) as in
    /// `isactwin track`.
    public static func fig11(plan: ReproductionPlan, config: ScenarioConfig, seed: UInt64) throws -> String {
        var records: [TrackingRecord] = []
        for n in plan.trackingAntennas {
            let p = ScenarioParameters(try Self.config(config, antennas: n))
            var rng = Xoshiro256StarStar(seed: seed, stream: UInt64(n))
            records += TrackingExperiment.singlePass(parameters: p, using: &rng)
        }
        return TrackingCSV.text(records)
    }

    /// Fig. 7 (`fig7.csv` with the `paper` preset, `fig7_table1_literal.csv` with `table1-literal`),
    /// with `extraPolicies` (the learned policy, which gets a one-slot sensing history, TW7) after
    /// the plan's schemes.
    public static func fig7(
        plan: ReproductionPlan, config: ScenarioConfig, extraPolicies: [any DecisionPolicy] = [], seed: UInt64
    ) -> DecisionSweep {
        var registry = DecisionPolicyRegistry.standard
        for p in extraPolicies { registry.register(p) }
        return DecisionSweep(
            kind: .vehicles, config: config, antennaCounts: [plan.sweepAntennas], vehicleCounts: plan.vehicleCounts,
            drops: plan.drops, schemes: plan.schemes + extraPolicies.map(\.name), seed: seed, registry: registry)
    }

    /// Fig. 8 (`fig8.csv`).
    public static func fig8(plan: ReproductionPlan, config: ScenarioConfig, seed: UInt64) -> DecisionSweep {
        DecisionSweep(
            kind: .antennas, config: config, antennaCounts: plan.antennaCounts, vehicleCounts: [plan.antennaSweepVehicles],
            drops: plan.drops, schemes: plan.schemes, seed: seed)
    }

    /// Figs. 9-10 (`fig9.csv`, `fig10.csv`): the plan's schemes plus `extraPolicies` (the learned
    /// policy when trained) at the plan's arrival rate number `run` (0: Fig. 9, 1: Fig. 10).
    public static func closedLoop(
        plan: ReproductionPlan, config: ScenarioConfig, run: Int, extraPolicies: [any DecisionPolicy] = [],
        seed: UInt64
    ) throws -> ClosedLoopExperiment {
        var c = config
        c.traffic.arrivalRatePerDirection = plan.arrivalRates[run]
        let policies = try plan.schemes.map { try DecisionPolicyRegistry.standard.policy(named: $0) } + extraPolicies
        return ClosedLoopExperiment(
            config: c, policies: policies, antennaCounts: [plan.closedLoopAntennas], durationSeconds: plan.durationsSeconds[run],
            seed: seed)
    }

    /// Figs. 5-6 for one K, at the closed loop's array size (the learned policy runs there).
    public static func learning(
        plan: ReproductionPlan, config: ScenarioConfig, vehicles: Int, seed: UInt64
    ) throws -> LearningCurveExperiment {
        LearningCurveExperiment(
            parameters: ScenarioParameters(try Self.config(config, antennas: plan.closedLoopAntennas)), vehicles: vehicles,
            trainingSamples: plan.trainingSamples, validationSamples: plan.validationSamples, epochs: plan.epochs,
            stride: plan.learningStride, seed: seed)
    }

    /// The K whose models serve as the `lstm` policy of Figs. 9-10: the trained K nearest to the
    /// mean number of vehicles at the first arrival rate (Little's law, 2λL/v̄).
    public static func lstmVehicles(plan: ReproductionPlan, config: ScenarioConfig, trained: [Int]) -> Int? {
        let p = ScenarioParameters(config)
        let mean = 2 * (plan.arrivalRates.first ?? 0) * p.highway.length / config.traffic.meanSpeed
        return trained.min { (abs(Double($0) - mean), $0) < (abs(Double($1) - mean), $1) }
    }
}
