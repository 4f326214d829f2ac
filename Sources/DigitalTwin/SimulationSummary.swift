import Foundation
import ISACMath
import ISACOptimization

/// Per-policy summary of a closed-loop run: the content of `summary.json`. Statistics of an empty
/// set are nil (written as `null` next to their count of 0), never NaN (D14).
public struct PolicySummary: Sendable, Codable, Equatable {
    public var policy: String
    public var slots: Int
    /// Mean number of vehicles on the road.
    public var meanVehicles: Double
    /// Mean sum rate over the slots, bit/s/Hz.
    public var meanSumRate: Double
    /// Mean gain over distance-mf, bit/s/Hz, and its standard error by batch means (TW4) over
    /// `gainBatches` batches (nil with fewer than two).
    public var meanGain: Double
    public var meanGainStandardError: Double?
    public var gainBatches: Int
    /// Mean of the per-slot mean RCRB of distance, m, over the `rcrbSlots` slots with tracks.
    public var meanRCRBDistance: Double?
    public var rcrbSlots: Int
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
    /// Hand-overs, served share and RSU loads on a corridor (C7); nil (absent from JSON) otherwise.
    public var corridor: CorridorSummary? = nil

    enum CodingKeys: String, CodingKey {
        case policy, slots
        case meanVehicles = "mean_vehicles"
        case meanSumRate = "mean_sum_rate_bps_hz"
        case meanGain = "mean_gain_vs_distance_mf_bps_hz"
        case meanGainStandardError = "mean_gain_standard_error_bps_hz"
        case gainBatches = "gain_batches"
        case meanRCRBDistance = "mean_rcrb_d_m"
        case rcrbSlots = "rcrb_slots"
        case latencyP50 = "decision_latency_p50_s"
        case latencyP99 = "decision_latency_p99_s"
        case latencyMax = "decision_latency_max_s"
        case deadlineMisses = "deadline_misses"
        case fallbacks
        case budgetExhausted = "budget_exhausted"
        case corridor
    }

    /// Writes absent statistics as explicit `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(policy, forKey: .policy)
        try c.encode(slots, forKey: .slots)
        try c.encode(meanVehicles, forKey: .meanVehicles)
        try c.encode(meanSumRate, forKey: .meanSumRate)
        try c.encode(meanGain, forKey: .meanGain)
        try c.encode(meanGainStandardError, forKey: .meanGainStandardError)
        try c.encode(gainBatches, forKey: .gainBatches)
        try c.encode(meanRCRBDistance, forKey: .meanRCRBDistance)
        try c.encode(rcrbSlots, forKey: .rcrbSlots)
        try c.encode(latencyP50, forKey: .latencyP50)
        try c.encode(latencyP99, forKey: .latencyP99)
        try c.encode(latencyMax, forKey: .latencyMax)
        try c.encode(deadlineMisses, forKey: .deadlineMisses)
        try c.encode(fallbacks, forKey: .fallbacks)
        try c.encode(budgetExhausted, forKey: .budgetExhausted)
        try c.encodeIfPresent(corridor, forKey: .corridor)
    }

    /// Summarises one policy's records, skipping the first `warmupSlots` for the rate statistics.
    public init(records: [SlotRecord], warmupSlots: Int = 0, batches: Int = 20) {
        var accumulator = Accumulator(slots: records.count, warmupSlots: warmupSlots, batches: batches)
        for r in records { accumulator.add(r) }
        self = accumulator.summary
    }

    init(
        policy: String, slots: Int, meanVehicles: Double, meanSumRate: Double, meanGain: Double,
        meanGainStandardError: Double?, gainBatches: Int, meanRCRBDistance: Double?, rcrbSlots: Int,
        latencyP50: Double, latencyP99: Double, latencyMax: Double, deadlineMisses: Int, fallbacks: Int = 0,
        budgetExhausted: Int = 0
    ) {
        self.policy = policy
        self.slots = slots
        self.meanVehicles = meanVehicles
        self.meanSumRate = meanSumRate
        self.meanGain = meanGain
        self.meanGainStandardError = meanGainStandardError
        self.gainBatches = gainBatches
        self.meanRCRBDistance = meanRCRBDistance
        self.rcrbSlots = rcrbSlots
        self.latencyP50 = latencyP50
        self.latencyP99 = latencyP99
        self.latencyMax = latencyMax
        self.deadlineMisses = deadlineMisses
        self.fallbacks = fallbacks
        self.budgetExhausted = budgetExhausted
    }

    /// Builds a ``PolicySummary`` from records fed one at a time, in constant memory (D13): a run of
    /// any length is summarised without keeping its records. The slot count must be known in
    /// advance (it fixes the warm-up and the batch size of the batch means).
    public struct Accumulator: Sendable {
        public let slots: Int
        private let skipped: Int
        private let batchCount: Int
        private let batchSize: Int
        private var policy = ""
        private var seen = 0
        private var steadyCount = 0
        private var vehicleSum = 0.0, sumRateSum = 0.0, gainSum = 0.0
        private var batchSums: [Double]
        private var rcrbSum = 0.0, rcrbCount = 0
        private var latencies: LatencyQuantiles
        private var latencyMax = 0.0
        private var deadlineMisses = 0
        private var fallbacks = 0
        private var budgetExhausted = 0
        /// The corridor statistics, when asked for (C7).
        public var corridor: CorridorSummary.Accumulator? = nil

        /// - Parameters: slots: records that will be added; warmupSlots: leading records left out
        ///   of the rate statistics (at most `slots` − 1); batches: batches of the batch means (TW4).
        public init(slots: Int, warmupSlots: Int, batches: Int = 20) {
            self.slots = slots
            skipped = min(warmupSlots, max(slots - 1, 0))
            let steady = slots - skipped
            batchCount = min(batches, steady)
            batchSize = batchCount >= 1 ? steady / batchCount : 0
            batchSums = Array(repeating: 0, count: max(batchCount, 0))
            latencies = LatencyQuantiles()
        }

        public mutating func add(_ r: SlotRecord) {
            if seen == 0 { policy = r.policy }
            if seen >= skipped {
                vehicleSum += Double(r.vehicles)
                sumRateSum += r.sumRate
                gainSum += r.gainVsDistanceMF
                let batch = batchSize > 0 ? steadyCount / batchSize : batchCount
                if batch < batchCount { batchSums[batch] += r.gainVsDistanceMF }
                steadyCount += 1
            }
            seen += 1
            if let d = r.meanRCRBDistance {
                rcrbSum += d
                rcrbCount += 1
            }
            latencies.add(r.decisionTime)
            latencyMax = max(latencyMax, r.decisionTime)
            if r.deadlineMissed { deadlineMisses += 1 }
            if r.fallback { fallbacks += 1 }
            if r.outcome == .budgetExhausted { budgetExhausted += 1 }
            corridor?.add(r)
        }

        public var summary: PolicySummary {
            let n = Double(max(steadyCount, 1))
            let standardError: Double? =
                batchCount >= 2 && batchSize > 0
                ? Statistics.standardError(batchSums.map { $0 / Double(batchSize) }) : nil
            var summary = PolicySummary(
                policy: policy, slots: seen, meanVehicles: vehicleSum / n, meanSumRate: sumRateSum / n,
                meanGain: gainSum / n, meanGainStandardError: standardError,
                gainBatches: batchCount >= 2 ? batchCount : 0,
                meanRCRBDistance: rcrbCount > 0 ? rcrbSum / Double(rcrbCount) : nil, rcrbSlots: rcrbCount,
                latencyP50: latencies.quantile(0.5), latencyP99: latencies.quantile(0.99), latencyMax: latencyMax,
                deadlineMisses: deadlineMisses, fallbacks: fallbacks, budgetExhausted: budgetExhausted)
            summary.corridor = corridor?.summary
            return summary
        }
    }
}

/// Quantiles of decision latencies in bounded memory (D13): exact (type 7) while at most
/// ``exactLimit`` values have been seen, then from a histogram with 200 logarithmic bins per decade
/// from 1 ns to 1000 s (a relative error below 0.6 %).
struct LatencyQuantiles: Sendable {
    static let exactLimit = 65_536
    static let binsPerDecade = 200.0
    static let lowest = 1e-9
    static let binCount = 12 * 200 + 2
    private var values: [Double] = []
    private var histogram: [Int] = []
    private var count = 0

    mutating func add(_ x: Double) {
        count += 1
        if histogram.isEmpty {
            values.append(x)
            if values.count > Self.exactLimit {
                histogram = Array(repeating: 0, count: Self.binCount)
                for v in values { histogram[Self.bin(v)] += 1 }
                values = []
            }
        } else {
            histogram[Self.bin(x)] += 1
        }
    }

    static func bin(_ x: Double) -> Int {
        guard x.isFinite, x > lowest else { return 0 }
        return min(binCount - 1, 1 + Int((log10(x / lowest) * binsPerDecade).rounded(.down)))
    }

    func quantile(_ p: Double) -> Double {
        guard count > 0 else { return 0 }
        if histogram.isEmpty { return Statistics.quantile(values, p) }
        let target = p * Double(count - 1)
        var cumulative = 0
        for (i, c) in histogram.enumerated() {
            cumulative += c
            if Double(cumulative) > target {
                // Geometric centre of the bin (bin 0 holds values ≤ 1 ns).
                return i == 0 ? 0 : Self.lowest * pow(10, (Double(i) - 0.5) / Self.binsPerDecade)
            }
        }
        return Self.lowest * pow(10, Double(Self.binCount - 1) / Self.binsPerDecade)
    }
}
