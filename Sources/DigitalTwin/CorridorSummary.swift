/// What a closed-loop run on a corridor adds to `summary.json` (C7): hand-overs per vehicle and
/// km driven, the share of the vehicles on the road that are served, and the load of every RSU.
/// Statistics over the slots after the warm-up, like the rate statistics of ``PolicySummary``.
public struct CorridorSummary: Sendable, Codable, Equatable {
    /// Changes of serving RSU (a vehicle served in consecutive slots by different RSUs).
    public var handovers: Int
    /// Vehicle-kilometres driven, Σ_slots K·v̄·T / 1000 (v̄ the configured mean speed).
    public var vehicleKilometres: Double
    /// handovers / vehicleKilometres (nil when no vehicle drove).
    public var handoversPerVehicleKm: Double?
    /// Mean over the slots with vehicles of served / on the road (nil: no such slot).
    public var meanServedShare: Double?
    /// Mean vehicles served per slot by each RSU, in configuration order.
    public var rsuLoad: [Double]
    /// Mean thread CPU time per slot of the whole twin and of its decisions, s (C9; 0 unmeasured).
    public var meanSlotTime: Double
    public var meanDecisionTime: Double
    /// Mean √m̃₂₂ of the links acquired at cell changes, in their acquisition slot and one slot
    /// later, m (C6; nil without cell changes).
    public var handOverRCRBDistance: Double?
    public var handOverRCRBDistanceNextSlot: Double?
    /// The decisions' latency per slot (C12), p99 over the steady slots, s: thread CPU summed over
    /// the cells and workers, the critical path on the deployment's cores (what the deadline
    /// governs), and the wall-clock time on this machine; and the mean wall-clock time.
    public var decisionCPUP99: Double = 0
    public var decisionCriticalPathP99: Double = 0
    public var decisionWallP99: Double = 0
    public var meanDecisionWallTime: Double = 0
    /// Mean cells decided per slot and the mean share of them that took their carried start (C13;
    /// nil without decided cells).
    public var meanDecidedCells: Double = 0
    public var meanQuietShare: Double? = nil

    enum CodingKeys: String, CodingKey {
        case handovers
        case vehicleKilometres = "vehicle_km"
        case handoversPerVehicleKm = "handovers_per_vehicle_km"
        case meanServedShare = "mean_served_share"
        case rsuLoad = "rsu_load_mean_vehicles"
        case meanSlotTime = "mean_slot_cpu_s"
        case meanDecisionTime = "mean_decision_cpu_s"
        case handOverRCRBDistance = "hand_over_rcrb_d_m"
        case handOverRCRBDistanceNextSlot = "hand_over_rcrb_d_next_slot_m"
        case decisionCPUP99 = "decision_cpu_p99_s"
        case decisionCriticalPathP99 = "decision_critical_path_p99_s"
        case decisionWallP99 = "decision_wall_p99_s"
        case meanDecisionWallTime = "mean_decision_wall_s"
        case meanDecidedCells = "mean_decided_cells"
        case meanQuietShare = "mean_quiet_cell_share"
    }

    /// Writes absent statistics as explicit `null` (D14).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(handovers, forKey: .handovers)
        try c.encode(vehicleKilometres, forKey: .vehicleKilometres)
        try c.encode(handoversPerVehicleKm, forKey: .handoversPerVehicleKm)
        try c.encode(meanServedShare, forKey: .meanServedShare)
        try c.encode(rsuLoad, forKey: .rsuLoad)
        try c.encode(meanSlotTime, forKey: .meanSlotTime)
        try c.encode(meanDecisionTime, forKey: .meanDecisionTime)
        try c.encode(handOverRCRBDistance, forKey: .handOverRCRBDistance)
        try c.encode(handOverRCRBDistanceNextSlot, forKey: .handOverRCRBDistanceNextSlot)
        try c.encode(decisionCPUP99, forKey: .decisionCPUP99)
        try c.encode(decisionCriticalPathP99, forKey: .decisionCriticalPathP99)
        try c.encode(decisionWallP99, forKey: .decisionWallP99)
        try c.encode(meanDecisionWallTime, forKey: .meanDecisionWallTime)
        try c.encode(meanDecidedCells, forKey: .meanDecidedCells)
        try c.encode(meanQuietShare, forKey: .meanQuietShare)
    }

    /// Feeds records one at a time in constant memory (D13). Records must carry
    /// ``SlotRecord/serving`` (``TwinOptions/recordServing``) for the RSU loads.
    public struct Accumulator: Sendable {
        private let skipped: Int
        private let kilometresPerVehicleSlot: Double
        private var seen = 0
        private var steady = 0
        private var handovers = 0
        private var vehicleSlots = 0
        private var shareSum = 0.0
        private var shareSlots = 0
        private var load: [Int]
        private var slotTimeSum = 0.0, decisionTimeSum = 0.0
        private var acquired = (sum: 0.0, count: 0), acquiredNext = (sum: 0.0, count: 0)
        private var cpu = LatencyQuantiles(), criticalPath = LatencyQuantiles(), wall = LatencyQuantiles()
        private var wallSum = 0.0
        private var cellSum = 0, quietSum = 0

        /// - Parameters: rsuCount: RSUs of the scenario; meanSpeed: v̄, m/s; slotSeconds: T;
        ///   warmupSlots: leading records left out.
        public init(rsuCount: Int, meanSpeed: Double, slotSeconds: Double, warmupSlots: Int) {
            skipped = warmupSlots
            kilometresPerVehicleSlot = meanSpeed * slotSeconds / 1000
            load = Array(repeating: 0, count: rsuCount)
        }

        public mutating func add(_ r: SlotRecord) {
            defer { seen += 1 }
            guard seen >= skipped else { return }
            steady += 1
            handovers += r.handovers
            vehicleSlots += r.vehicles
            if r.vehicles > 0 {
                shareSum += Double(r.servedVehicles) / Double(r.vehicles)
                shareSlots += 1
            }
            if let d = r.handOverRCRBDistance {
                acquired.sum += d
                acquired.count += 1
            }
            if let d = r.handOverRCRBDistanceNextSlot {
                acquiredNext.sum += d
                acquiredNext.count += 1
            }
            slotTimeSum += r.slotTime
            decisionTimeSum += r.decisionTime
            cpu.add(r.decisionTime)
            criticalPath.add(r.decisionCriticalPath)
            wall.add(r.decisionWallTime)
            wallSum += r.decisionWallTime
            cellSum += r.decidedCells
            quietSum += r.quietCells
            for s in r.serving where load.indices.contains(s.rsu) { load[s.rsu] += 1 }
        }

        public var summary: CorridorSummary {
            let km = Double(vehicleSlots) * kilometresPerVehicleSlot
            var summary = CorridorSummary(
                handovers: handovers, vehicleKilometres: km,
                handoversPerVehicleKm: km > 0 ? Double(handovers) / km : nil,
                meanServedShare: shareSlots > 0 ? shareSum / Double(shareSlots) : nil,
                rsuLoad: load.map { Double($0) / Double(max(steady, 1)) },
                meanSlotTime: slotTimeSum / Double(max(steady, 1)),
                meanDecisionTime: decisionTimeSum / Double(max(steady, 1)),
                handOverRCRBDistance: acquired.count > 0 ? acquired.sum / Double(acquired.count) : nil,
                handOverRCRBDistanceNextSlot: acquiredNext.count > 0 ? acquiredNext.sum / Double(acquiredNext.count) : nil)
            summary.decisionCPUP99 = cpu.quantile(0.99)
            summary.decisionCriticalPathP99 = criticalPath.quantile(0.99)
            summary.decisionWallP99 = wall.quantile(0.99)
            summary.meanDecisionWallTime = wallSum / Double(max(steady, 1))
            summary.meanDecidedCells = Double(cellSum) / Double(max(steady, 1))
            summary.meanQuietShare = cellSum > 0 ? Double(quietSum) / Double(cellSum) : nil
            return summary
        }
    }
}
