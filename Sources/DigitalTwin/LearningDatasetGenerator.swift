import ISACLearning
import ISACMath
import ISACOptimization
import ISACPhysics

/// Labelled samples for the learned policy (Section VI, M16), from the twin on Poisson traffic
/// (TW6): a twin running the heuristic records, every `stride` slots, its decision problem
/// (features: last echoes and beams, as the `lstm` policy will see them) and the heuristic's
/// decision (labels).
///
/// Why traffic and not static drops: the features include last slot's echo r̃ and beam f_{n−1},
/// which exist only once the twin has run; the learned policy is then used in the same loop.
/// The arrival rate is set so that the mean number of vehicles is `targetVehicles` (Little's
/// law, λ = K·v̄/(2L)); each sample keeps the K of its slot.
///
/// Samples come in chunks of ``chunkSize``: chunk c is an independent run (its own traffic and
/// echo streams from (seed, c)) that starts from an empty road, warms up for ``warmupSlots`` and
/// then records. Chunks are deterministic and independent, so they can be generated in parallel
/// and a killed generation resumes at any chunk boundary.
public struct LearningDatasetGenerator: Sendable {
    public let parameters: ScenarioParameters
    public let decisionOptions: DecisionOptions
    public let targetVehicles: Int
    /// Slots between two recorded samples (consecutive slots are nearly identical).
    public let stride: Int
    public let seed: UInt64
    /// Samples per chunk.
    public let chunkSize: Int
    /// Slots simulated before a chunk records (the road fills up in ~L/v̄ = 2 s).
    public let warmupSlots: Int
    /// Whether the heuristic twin starts each decision from the previous slot's, carried by vehicle
    /// id (O12, the twin's default; labels then persist between slots, L14). Off: cold decisions,
    /// the labels of datasets made before issue 10.
    public let warmStart: Bool
    /// The policy the twin runs (nil: the heuristic). With another policy (e.g. `lstm-fp`), the
    /// features are those the twin sees when that policy decides, and each label is the heuristic's
    /// decision from that twin's start (its previous decision carried over): imitation on the
    /// learner's own states (DAgger, L15). nil: the heuristic's own closed loop (TW6).
    public let rollout: (any DecisionPolicy)?

    public init(
        parameters: ScenarioParameters, decisionOptions: DecisionOptions = .standard, targetVehicles: Int,
        stride: Int = 5, seed: UInt64, chunkSize: Int = 50, warmStart: Bool = true,
        rollout: (any DecisionPolicy)? = nil
    ) {
        precondition(targetVehicles >= 1 && stride >= 1 && chunkSize >= 1, "positive sizes")
        var config = parameters.config
        let highway = parameters.highway
        config.traffic.arrivalRatePerDirection =
            Double(targetVehicles) * config.traffic.meanSpeed / (2 * highway.length)
        self.parameters = ScenarioParameters(config)
        self.decisionOptions = decisionOptions
        self.targetVehicles = targetVehicles
        self.stride = stride
        self.seed = seed
        self.chunkSize = chunkSize
        self.warmStart = warmStart
        self.rollout = rollout
        warmupSlots = Int((1.5 * highway.length / config.traffic.meanSpeed / config.radio.slotSeconds).rounded(.up))
    }

    /// The samples of chunk `index`, in order.
    public func chunk(_ index: Int) throws -> [LearningSample] {
        var samples: [LearningSample] = []
        samples.reserveCapacity(chunkSize)
        try forEachRecordedSlot(chunk: index, withPrevious: { slot, before in
            samples.append(LearningFeatures.sample(slot.problem, labels: try label(slot, before: before)))
        })
        return samples
    }

    /// The heuristic's decision from the twin's start on a recorded slot: the twin's own decision
    /// when it runs the heuristic, else the heuristic decided again from the rollout twin's start.
    func label(_ slot: DecidedSlot, before: DecidedSlot?) throws -> Decision {
        guard rollout != nil else { return slot.decision }
        let start = warmStart
            ? before.map {
                DecisionStart.carried(
                    from: $0.decision, ids: $0.vehicleIds, to: slot.vehicleIds, problem: slot.problem,
                    previousProblem: $0.problem)
            }
            : nil
        return try HeuristicPolicy().decide(slot.problem, from: start, budget: .unlimited)
    }

    /// Runs chunk `index` and hands each of its ``chunkSize`` recorded slots (problem and the
    /// heuristic's decision) to `body`, in order.
    public func forEachRecordedSlot(chunk index: Int, _ body: (DecidedSlot) throws -> Void) throws {
        try forEachRecordedSlot(chunk: index, withPrevious: { slot, _ in try body(slot) })
    }

    /// As ``forEachRecordedSlot(chunk:_:)``, also handing over the slot decided just before the
    /// recorded one (nil when nobody was decided then): the decision the twin's start was carried
    /// from (O12).
    public func forEachRecordedSlot(
        chunk index: Int, withPrevious body: (DecidedSlot, DecidedSlot?) throws -> Void
    ) throws {
        var chunkStream = Xoshiro256StarStar(seed: seed, stream: UInt64(index))
        let chunkSeed = chunkStream.next()
        var trafficRNG = Xoshiro256StarStar(seed: chunkSeed, stream: 0)
        var traffic = TrafficSimulator(parameters: parameters, using: &trafficRNG)
        var twin = PolicyTwin(
            policy: rollout ?? HeuristicPolicy(), parameters: parameters,
            options: TwinOptions(measureLatency: false, warmStart: warmStart), decisionOptions: decisionOptions, seed: chunkSeed)
        var recorded = 0
        var slot = 0
        var before: DecidedSlot? = nil
        while recorded < chunkSize {
            traffic.step(using: &trafficRNG)
            before = twin.lastDecided
            _ = try twin.step(slot: slot, vehicles: traffic.vehicles, time: traffic.time)
            if slot >= warmupSlots, (slot - warmupSlots) % stride == 0, let last = twin.lastDecided {
                try body(last, before)
                recorded += 1
            }
            slot += 1
        }
    }
}
