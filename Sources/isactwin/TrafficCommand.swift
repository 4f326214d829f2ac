import ArgumentParser
import Foundation
import ISACMath
import ISACPhysics

/// `isactwin traffic`: Poisson traffic only, the vehicle count against Little's law (M2).
struct TrafficCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traffic",
        abstract: "Simulate Poisson traffic and compare the vehicle count with Little's law.",
        discussion: """
            Vehicles arrive in both directions as Poisson processes of rate λ, drive the road at \
            Gaussian speeds and leave at its end. Prints the mean and percentiles of the number \
            of vehicles on the road next to Little's law, 2λL/v̄.

            Example:
              isactwin traffic --arrival-rate 5 --duration 40 --seed 1
            """)

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var seedOption: SeedOption

    @Option(help: "Arrival rate per direction, vehicles/s (default: the configuration's).")
    var arrivalRate: Double?

    @Option(help: "Simulated time, s.")
    var duration: Double = 40

    @Option(help: "Initial time excluded from the statistics, s (the road starts empty).")
    var warmup: Double = 4

    func validate() throws {
        if let r = arrivalRate { try FlagCheck.number("--arrival-rate", r, 0, 1000, unit: " vehicles/s") }
        try FlagCheck.number("--duration", duration, 0, 1e6, lowerOpen: true, unit: " s")
        try FlagCheck.number("--warmup", warmup, 0, duration.nextDown, unit: " s (less than --duration)")
    }

    func run() throws {
        let config = try scenario.load(arrivalRate: arrivalRate)
        let slots = try config.slots(forDuration: duration, field: "--duration", maximumSeconds: 1e6)
        let parameters = ScenarioParameters(config)
        var rng = Xoshiro256StarStar(seed: seedOption.seed)
        var simulator = TrafficSimulator(parameters: parameters, using: &rng)
        let warmupSlots = Int((warmup / parameters.slotSeconds).rounded())
        var counts: [Double] = []
        var arrivals = 0
        for slot in 0..<slots {
            simulator.step(using: &rng)
            arrivals += simulator.arrivedLastStep.count
            if slot >= warmupSlots { counts.append(Double(simulator.vehicles.count)) }
        }
        let little = simulator.littleLawMeanVehicles
        let mean = Statistics.mean(counts)
        print("Poisson traffic: λ = \(config.traffic.arrivalRatePerDirection)/s per direction, "
            + "road \(parameters.highway.length) m, speed N(\(config.traffic.meanSpeed), "
            + "\(config.traffic.speedStandardDeviation)²) m/s, \(duration) s (\(slots) slots of "
            + "\(parameters.slotSeconds * 1000) ms), seed \(seedOption.seed)")
        print("vehicles that entered: \(arrivals)")
        print("vehicles on the road after \(warmup) s warm-up:")
        print("  mean     \(format(mean))   Little's law 2λL/v̄ = \(format(little))"
            + "   (\(format(100 * (mean - little) / max(little, 1e-12), digits: 1)) %)")
        for p in [0.05, 0.5, 0.95] {
            print("  p\(Int(p * 100))\(p < 0.1 ? " " : "")     \(format(Statistics.quantile(counts, p)))")
        }
        print("  min/max  \(format(counts.min() ?? 0)) / \(format(counts.max() ?? 0))")
    }
}

/// Fixed-point formatting for tables.
func format(_ x: Double, digits: Int = 2) -> String {
    String(format: "%.\(digits)f", x)
}
