import Foundation
import ISACMath

/// Means per (antennas, vehicles, scheme) of a sweep, with the paired gain over a baseline scheme
/// (per drop: 100·(S_scheme − S_base)/S_base, then mean and standard error over drops).
public struct SweepSummary: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var antennas: Int
        public var vehicles: Int
        public var scheme: String
        public var drops: Int
        public var meanRatePerVehicle: Double
        public var meanSumRate: Double
        /// Mean paired gain over the baseline, %, and its standard error (NaN without a baseline).
        public var gainPercent: Double
        public var gainStandardErrorPercent: Double
        public var meanFlips: Double
        public var meanFPIterations: Double
        public var convergedFraction: Double
        public var meanSolveSeconds: Double
    }

    public var baseline: String
    public var entries: [Entry]

    public init(rows: [SweepRow], baseline: String = "distance-mf") {
        self.baseline = baseline
        var keys: [String] = []
        var groups: [String: [SweepRow]] = [:]
        for r in rows {
            let key = "\(r.antennas)|\(r.vehicles)|\(r.scheme)"
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(r)
        }
        var base: [String: Double] = [:]  // "antennas|vehicles|drop" -> baseline sum rate
        for r in rows where r.scheme == baseline { base["\(r.antennas)|\(r.vehicles)|\(r.drop)"] = r.sumRateBitsPerHertz }
        entries = keys.map { key in
            let g = groups[key]!
            let first = g[0]
            let gains = g.compactMap { r -> Double? in
                guard let b = base["\(r.antennas)|\(r.vehicles)|\(r.drop)"], b > 0 else { return nil }
                return 100 * (r.sumRateBitsPerHertz - b) / b
            }
            return Entry(
                antennas: first.antennas, vehicles: first.vehicles, scheme: first.scheme, drops: g.count,
                meanRatePerVehicle: Statistics.mean(g.map(\.ratePerVehicleBitsPerHertz)),
                meanSumRate: Statistics.mean(g.map(\.sumRateBitsPerHertz)),
                gainPercent: gains.isEmpty ? .nan : Statistics.mean(gains),
                gainStandardErrorPercent: gains.count > 1 ? Statistics.standardError(gains) : .nan,
                meanFlips: Statistics.mean(g.map { Double($0.flips) }),
                meanFPIterations: Statistics.mean(g.map { Double($0.fpIterations) }),
                convergedFraction: Statistics.mean(g.map { $0.converged ? 1 : 0 }),
                meanSolveSeconds: Statistics.mean(g.map(\.solveTimeSeconds)))
        }
    }

    /// A fixed-width table of the entries.
    public var table: String {
        var out = "antennas vehicles scheme        rate/veh   sum_rate  gain_vs_\(baseline)(%)  ±se     flips  fp_it  conv  time_s\n"
        for e in entries {
            // A gain without a baseline or a standard error of one drop is "n/a", never "nan" (D14).
            func optional(_ x: Double, _ width: Int) -> String {
                let text = x.isFinite ? String(format: "%.2f", x) : "n/a"
                return String(repeating: " ", count: max(0, width - text.count)) + text
            }
            out += String(
                format: "%8d %8d %@ %9.4f %10.3f %@ %@ %7.2f %6.1f %5.2f %9.2e\n", e.antennas, e.vehicles,
                e.scheme.padding(toLength: 12, withPad: " ", startingAt: 0) as NSString, e.meanRatePerVehicle, e.meanSumRate,
                optional(e.gainPercent, 12) as NSString, optional(e.gainStandardErrorPercent, 8) as NSString,
                e.meanFlips, e.meanFPIterations, e.convergedFraction, e.meanSolveSeconds)
        }
        return out
    }
}
