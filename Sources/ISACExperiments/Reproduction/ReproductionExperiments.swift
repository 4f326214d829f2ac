import DigitalTwin
import ISACMath
import ISACOptimization
import ISACPhysics
import ISACTracking

/// Helpers of the figures' definitions (R1): Fig. 11's data, the per-N configuration and the K of
/// the learned scheme. The sweeps are ``ReproductionSweep``s; every figure runs as tasks of a
/// ``ReproductionManifest`` (R6).
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

    /// The K whose models serve as the `lstm` policy of Figs. 9-10: the trained K nearest to the
    /// mean number of vehicles at the first arrival rate (Little's law, 2λL/v̄).
    public static func lstmVehicles(plan: ReproductionPlan, config: ScenarioConfig, trained: [Int]) -> Int? {
        let p = ScenarioParameters(config)
        let mean = 2 * (plan.arrivalRates.first ?? 0) * p.highway.length / config.traffic.meanSpeed
        return trained.min { (abs(Double($0) - mean), $0) < (abs(Double($1) - mean), $1) }
    }
}
