import DigitalTwin
import Foundation

/// The summary of a closed-loop run for one antenna count: `summary.json` and the printed table.
public struct SimulationReport: Sendable, Codable {
    public var antennas: Int
    public var policies: [PolicySummary]

    public init(antennas: Int, policies: [PolicySummary]) {
        self.antennas = antennas
        self.policies = policies
    }

    /// `summary.json`: the run's settings and one entry per antenna count and policy.
    public static func json(_ reports: [SimulationReport], arrivalRate: Double, duration: Double, seed: UInt64) throws -> String {
        struct Document: Codable {
            var arrival_rate_per_direction: Double
            var duration_s: Double
            var seed: UInt64
            var runs: [SimulationReport]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // No non-conforming float strategy: a NaN or infinity fails the encoding instead of
        // leaving the program as a string (D14).
        let doc = Document(arrival_rate_per_direction: arrivalRate, duration_s: duration, seed: seed, runs: reports)
        return String(decoding: try encoder.encode(doc), as: UTF8.self) + "\n"
    }

    /// A fixed-width table: one line per policy.
    public var table: String {
        var out = "N_t = N_r = \(antennas)\n"
        out += pad("policy", 12) + pad("vehicles", 9) + pad("sum rate", 10) + pad("gain ± SE", 18)
            + pad("RCRB_d (m)", 12) + pad("p50 (ms)", 9) + pad("p99 (ms)", 9) + pad("max (ms)", 9) + pad("missed", 10)
            + pad("fallback", 9) + "anytime\n"
        for p in policies {
            out += pad(p.policy, 12) + pad(f(p.meanVehicles, 1), 9) + pad(f(p.meanSumRate, 2), 10)
                + pad(f(p.meanGain, 3) + " ± " + (p.meanGainStandardError.map { f($0, 3) } ?? "n/a"), 18)
                + pad(p.meanRCRBDistance.map { String(format: "%.2e", $0) } ?? "n/a", 12)
                + pad(f(1000 * p.latencyP50, 2), 9) + pad(f(1000 * p.latencyP99, 2), 9)
                + pad(f(1000 * p.latencyMax, 2), 9) + pad("\(p.deadlineMisses)/\(p.slots)", 10)
                + pad("\(p.fallbacks)", 9) + "\(p.budgetExhausted)\n"
        }
        return out
    }

    private func f(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
