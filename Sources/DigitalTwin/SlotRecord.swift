import ISACOptimization

/// One policy's outcome in one slot: a row of `timeseries.csv`.
public struct SlotRecord: Sendable, Equatable {
    /// Time of the slot, s.
    public var time: Double
    public var policy: String
    /// Vehicles on the road in this slot.
    public var vehicles: Int
    /// Vehicles served with a beam decided for this slot.
    public var servedVehicles: Int
    /// Σ_k log₂(1 + SINR_k) on the true geometry with the beams in use, bit/s/Hz.
    public var sumRate: Double
    /// Sum rate minus the distance-mf reference's in the same slot, bit/s/Hz.
    public var gainVsDistanceMF: Double
    /// Mean over the serving links (updated at least once) of the twin's RCRB of distance √m̃₂₂
    /// (EKF posterior), m; nil without such links.
    public var meanRCRBDistance: Double?
    /// Sum rate the policy predicted for the next slot on its predicted geometry, bit/s/Hz.
    public var predictedNextSumRate: Double
    /// Thread CPU time of this slot's decision, s (0 when latency is not measured); on a corridor
    /// the sum over its cells and over the workers that solved them (C12).
    public var decisionTime: Double
    /// The decision took longer than the slot.
    public var deadlineMissed: Bool
    /// Assignment flips and FP iterations of this slot's decision.
    public var flips: Int
    public var fpIterations: Int
    /// How this slot's decision stopped (`budgetExhausted` for an anytime result,
    /// `linearAlgebraFailure` when LAPACK failed, O12-O13).
    public var outcome: SolverOutcome
    /// The decision missed the deadline and the fallback (matched beams at the predicted positions)
    /// was applied instead (O12).
    public var fallback: Bool
    /// Thread CPU time of the whole slot of the twin (serve, sense and track, predict, decide), s;
    /// 0 when latency is not measured (C9).
    public var slotTime: Double = 0
    /// Mean √m̃₂₂ (m) of the links acquired at a cell change in this slot, right after acquisition,
    /// and of those acquired in the previous slot, one slot later (C6); nil without such links.
    public var handOverRCRBDistance: Double? = nil
    public var handOverRCRBDistanceNextSlot: Double? = nil
    /// The decision's latency on the deployment's cores (C12): the largest sum of one worker's cell
    /// latencies (a central twin) or the largest cell's latency (a twin per cell), s; equals
    /// ``decisionTime`` with one worker. ``deadlineMissed`` compares it with T.
    public var decisionCriticalPath: Double = 0
    /// Wall-clock time of the slot's decisions on this machine (all workers), s; 0 unmeasured (C12).
    public var decisionWallTime: Double = 0
    /// Cells decided in this slot, and those of them that took their carried start (C13).
    public var decidedCells: Int = 0
    public var quietCells: Int = 0
    /// Vehicles served in this slot by another RSU than in the previous slot (C7).
    public var handovers: Int = 0
    /// Who served whom in this slot: vehicle, serving RSU and the vehicle's true x (C7), in vehicle
    /// order of the slot.
    public var serving: [ServingLink] = []

    public init(
        time: Double, policy: String, vehicles: Int, servedVehicles: Int, sumRate: Double, gainVsDistanceMF: Double,
        meanRCRBDistance: Double?, predictedNextSumRate: Double, decisionTime: Double, deadlineMissed: Bool,
        flips: Int, fpIterations: Int, outcome: SolverOutcome = .converged, fallback: Bool = false
    ) {
        self.time = time
        self.policy = policy
        self.vehicles = vehicles
        self.servedVehicles = servedVehicles
        self.sumRate = sumRate
        self.gainVsDistanceMF = gainVsDistanceMF
        self.meanRCRBDistance = meanRCRBDistance
        self.predictedNextSumRate = predictedNextSumRate
        self.decisionTime = decisionTime
        self.deadlineMissed = deadlineMissed
        self.flips = flips
        self.fpIterations = fpIterations
        self.outcome = outcome
        self.fallback = fallback
    }
}

/// One served vehicle of a slot (C7).
public struct ServingLink: Sendable, Equatable {
    public var vehicle: Int
    /// Index of the serving RSU in the configuration's RSU list.
    public var rsu: Int
    /// True position along the road, m.
    public var x: Double

    public init(vehicle: Int, rsu: Int, x: Double) {
        self.vehicle = vehicle
        self.rsu = rsu
        self.x = x
    }
}
