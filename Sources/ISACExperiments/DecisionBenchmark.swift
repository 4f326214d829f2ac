import Foundation
import ISACMath
import ISACOptimization
import ISACPhysics

/// Per-slot decision latency of each scheme (one thread; the caller sets BLAS to one thread and
/// builds in release): `decide` is timed on seeded static drops (problem construction, i.e. the
/// prediction and Λ, excluded), cold and under the sweep's budget.
public struct DecisionBenchmark: Sendable {
    public struct Entry: Sendable, Equatable, Codable {
        public var scheme: String
        public var vehicles: Int
        public var antennas: Int
        public var drops: Int
        public var medianSeconds: Double
        public var p90Seconds: Double
        public var maxSeconds: Double
        /// The same over the thread's CPU time (insensitive to other processes on a shared machine).
        public var medianCPUSeconds: Double
        public var p90CPUSeconds: Double
        public var maxCPUSeconds: Double
        /// Drops whose decision took longer than one slot (wall clock).
        public var missedSlots: Int
        public var slotSeconds: Double

        enum CodingKeys: String, CodingKey {
            case scheme, vehicles, antennas, drops
            case medianSeconds = "median_s"
            case p90Seconds = "p90_s"
            case maxSeconds = "max_s"
            case medianCPUSeconds = "median_cpu_s"
            case p90CPUSeconds = "p90_cpu_s"
            case maxCPUSeconds = "max_cpu_s"
            case missedSlots = "missed_slots"
            case slotSeconds = "slot_s"
        }
    }

    public var sweep: DecisionSweep

    /// - Parameter sweep: points, drops, schemes, seed and options (its kind is ignored).
    public init(sweep: DecisionSweep) { self.sweep = sweep }

    /// Times every scheme at every point; one untimed warm-up decision per point and scheme.
    public func run() throws -> [Entry] {
        try sweep.validate()
        var entries: [Entry] = []
        let clock = ContinuousClock()
        for (n, k) in sweep.points {
            let problems = (0..<sweep.drops).map { sweep.problem(antennas: n, vehicles: k, drop: $0) }
            for name in sweep.schemes {
                let policy = try sweep.registry.policy(named: name)
                if let p = problems.first { _ = try sweep.decide(policy, p) }
                var times: [Double] = []
                var cpu: [Double] = []
                for p in problems {
                    let cpu0 = Self.threadCPUSeconds()
                    let elapsed = try clock.measure { _ = try sweep.decide(policy, p) }
                    cpu.append(Self.threadCPUSeconds() - cpu0)
                    times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
                }
                let slot = sweep.config.radio.slotSeconds
                entries.append(
                    Entry(
                        scheme: name, vehicles: k, antennas: n, drops: times.count,
                        medianSeconds: Statistics.quantile(times, 0.5), p90Seconds: Statistics.quantile(times, 0.9),
                        maxSeconds: times.max() ?? .nan, medianCPUSeconds: Statistics.quantile(cpu, 0.5),
                        p90CPUSeconds: Statistics.quantile(cpu, 0.9), maxCPUSeconds: cpu.max() ?? .nan, missedSlots: times.filter { $0 > slot }.count,
                        slotSeconds: slot))
            }
        }
        return entries
    }

    /// CPU time of the calling thread, s.
    static func threadCPUSeconds() -> Double { ThreadCPUClock.now() }

    /// A fixed-width table of the entries.
    public static func table(_ entries: [Entry]) -> String {
        var out = "scheme        vehicles antennas  median_ms     p90_ms     max_ms  cpu_med_ms cpu_p90_ms  missed/drops\n"
        for e in entries {
            out += String(
                format: "%@ %9d %8d %10.3f %10.3f %10.3f %11.3f %10.3f  %5d/%d\n",
                e.scheme.padding(toLength: 12, withPad: " ", startingAt: 0) as NSString, e.vehicles, e.antennas,
                e.medianSeconds * 1e3, e.p90Seconds * 1e3, e.maxSeconds * 1e3, e.medianCPUSeconds * 1e3,
                e.p90CPUSeconds * 1e3, e.missedSlots, e.drops)
        }
        return out
    }
}
