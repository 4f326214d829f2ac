import ISACMath
import ISACOptimization

/// Per-policy summary of a closed-loop run: the content of `summary.json`.
public struct PolicySummary: Sendable, Codable, Equatable {
    public var policy: String
    public var slots: Int
    /// Mean number of vehicles on the road.
    public var meanVehicles: Double
    /// Mean sum rate over the slots, bit/s/Hz.
    public var meanSumRate: Double
    /// Mean gain over distance-mf, bit/s/Hz, and its standard error by batch means (TW4).
    public var meanGain: Double
    public var meanGainStandardError: Double
    /// Mean of the per-slot mean RCRB of distance, m (slots with tracks).
    public var meanRCRBDistance: Double
    /// Decision latency (thread CPU time), s.
    public var latencyP50: Double
    public var latencyP99: Double
    public var latencyMax: Double
    /// Slots whose decision took longer than the slot.
    public var deadlineMisses: Int
    /// Slots whose late decision was replaced by the fallback (`--enforce-deadline`, O12).
    public var fallbacks: Int
    /// Slots whose decision is an anytime result of a budget that ran out (O12).
    public var budgetExhausted: Int

    enum CodingKeys: String, CodingKey {
        case policy, slots
        case meanVehicles = "mean_vehicles"
        case meanSumRate = "mean_sum_rate_bps_hz"
        case meanGain = "mean_gain_vs_distance_mf_bps_hz"
        case meanGainStandardError = "mean_gain_standard_error_bps_hz"
        case meanRCRBDistance = "mean_rcrb_d_m"
        case latencyP50 = "decision_latency_p50_s"
        case latencyP99 = "decision_latency_p99_s"
        case latencyMax = "decision_latency_max_s"
        case deadlineMisses = "deadline_misses"
        case fallbacks
        case budgetExhausted = "budget_exhausted"
    }

    /// Summarises one policy's records, skipping the first `warmupSlots` for the rate statistics.
    public init(records: [SlotRecord], warmupSlots: Int = 0, batches: Int = 20) {
        policy = records.first?.policy ?? ""
        slots = records.count
        let steady = Array(records.dropFirst(min(warmupSlots, max(records.count - 1, 0))))
        meanVehicles = Statistics.mean(steady.map { Double($0.vehicles) })
        meanSumRate = Statistics.mean(steady.map(\.sumRate))
        let gains = steady.map(\.gainVsDistanceMF)
        meanGain = Statistics.mean(gains)
        meanGainStandardError = Self.batchMeansStandardError(gains, batches: batches)
        let rcrb = records.compactMap(\.meanRCRBDistance)
        meanRCRBDistance = rcrb.isEmpty ? .nan : Statistics.mean(rcrb)
        let latencies = records.map(\.decisionTime)
        latencyP50 = Statistics.quantile(latencies, 0.5)
        latencyP99 = Statistics.quantile(latencies, 0.99)
        latencyMax = latencies.max() ?? 0
        deadlineMisses = records.filter(\.deadlineMissed).count
        fallbacks = records.filter(\.fallback).count
        budgetExhausted = records.filter { $0.outcome == .budgetExhausted }.count
    }

    /// Standard error of the mean of an autocorrelated series by the method of batch means: the
    /// series is cut into `batches` contiguous batches whose means are nearly independent when a
    /// batch is much longer than the correlation time (a vehicle stays ~2 s = 100 slots).
    static func batchMeansStandardError(_ x: [Double], batches: Int) -> Double {
        let b = min(batches, x.count)
        guard b >= 2 else { return .nan }
        let size = x.count / b
        let means = (0..<b).map { i in Statistics.mean(Array(x[(i * size)..<((i + 1) * size)])) }
        return Statistics.standardError(means)
    }
}
