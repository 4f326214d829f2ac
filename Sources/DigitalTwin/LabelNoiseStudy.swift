import ISACMath
import ISACOptimization
import ISACPhysics

/// How learnable the heuristic's assignment labels are (L12): on the slots a dataset would record
/// (a heuristic twin on Poisson traffic with mean K, as ``LearningDatasetGenerator``), compares
/// the label with
/// - the nearest RSU (the floor: what a network learns for free),
/// - the heuristic itself from a perturbed start (the ceiling: the same problem from the start the
///   label was made from — cold: nearest RSU and matched beams; warm (L14): the carried start — with
///   complex Gaussian noise of power `perturbation` (relative to a unit beam) on every beam,
///   renormalised),
/// - the exhaustive optimum where K ≤ the exhaustive limit (the best assignment),
///
/// and the label of the same vehicle in the previously recorded slot (persistence).
public struct LabelNoiseStudy: Sendable {
    public let generator: LearningDatasetGenerator
    /// Relative power of the beam perturbation of the second heuristic run.
    public let perturbation: Double

    public init(generator: LearningDatasetGenerator, perturbation: Double = 0.1) {
        self.generator = generator
        self.perturbation = perturbation
    }

    /// Counts over the recorded vehicles (shares are these over `vehicles`).
    public struct Result: Sendable, Equatable {
        public var slots = 0
        public var vehicles = 0
        /// Label = nearest RSU.
        public var nearest = 0
        /// Label = the perturbed-start heuristic's RSU.
        public var perturbed = 0
        /// Σ sum rate of the perturbed-start heuristic and of the labels (bit/s/Hz).
        public var perturbedSumRate = 0.0
        public var labelSumRate = 0.0
        /// Vehicles (and slots) of the slots with K ≤ the exhaustive limit; label = exhaustive.
        public var exhaustiveSlots = 0
        public var exhaustiveVehicles = 0
        public var exhaustive = 0
        /// Σ sum rate of exhaustive and of the labels on those slots.
        public var exhaustiveSumRate = 0.0
        public var labelSumRateOnExhaustiveSlots = 0.0
        /// Vehicles present in the previous recorded slot of the chunk, and those keeping its RSU.
        public var followed = 0
        public var persistent = 0
    }

    /// Runs chunk after chunk (as the dataset generator) until `slots` slots are recorded.
    public func run(slots: Int) throws -> Result {
        var result = Result()
        let limit = generator.decisionOptions.exhaustiveVehicleLimit
        var chunk = 0
        while result.slots < slots {
            var previous: [Int: Int] = [:]
            var rng = Xoshiro256StarStar(seed: generator.seed ^ 0x5eed, stream: UInt64(chunk))
            try generator.forEachRecordedSlot(chunk: chunk, withPrevious: { slot, before in
                guard result.slots < slots else { return }
                let problem = slot.problem, label = slot.decision
                let k = problem.vehicleCount
                result.slots += 1
                result.vehicles += k
                let nearest = problem.nearestAssignment
                let other = try perturbedHeuristic(problem, ids: slot.vehicleIds, before: before, rng: &rng)
                result.perturbedSumRate += other.sumRate
                result.labelSumRate += label.sumRate
                for v in 0..<k {
                    if label.assignment[v] == nearest[v] { result.nearest += 1 }
                    if label.assignment[v] == other.assignment[v] { result.perturbed += 1 }
                    if let before = previous[slot.vehicleIds[v]] {
                        result.followed += 1
                        if before == label.assignment[v] { result.persistent += 1 }
                    }
                }
                if k <= limit {
                    let best = try ExhaustivePolicy().decide(problem)
                    result.exhaustiveSlots += 1
                    result.exhaustiveVehicles += k
                    result.exhaustiveSumRate += best.sumRate
                    result.labelSumRateOnExhaustiveSlots += label.sumRate
                    for v in 0..<k where label.assignment[v] == best.assignment[v] { result.exhaustive += 1 }
                }
                previous = Dictionary(uniqueKeysWithValues: zip(slot.vehicleIds, label.assignment))
            })
            chunk += 1
        }
        return result
    }

    /// The heuristic again on `problem`, from the start the labels were made from with its beams
    /// perturbed: the carried start (O12) when the generator warm-starts and a slot was decided
    /// just before (L14), else cold from matched beams at the nearest RSUs (L12).
    func perturbedHeuristic(
        _ problem: DecisionProblem, ids: [Int], before: DecidedSlot?, rng: inout Xoshiro256StarStar
    ) throws -> Decision {
        let k = problem.vehicleCount
        var start = DecisionStart.nearest(problem)
        if generator.warmStart, let before {
            start = DecisionStart.carried(
                from: before.decision, ids: before.vehicleIds, to: ids, problem: problem, previousProblem: before.problem)
        }
        for v in 0..<k {
            let f0 = start.beams[v] ?? problem.matchedBeam(rsu: start.assignment[v], vehicle: v)
            var noise = ComplexVector(count: f0.count)
            let sigma = (perturbation / Double(noise.count)).squareRoot()
            for e in noise.storage.indices { noise.storage[e] = sigma * rng.nextGaussian() / 2.0.squareRoot() }
            let f = f0 + noise
            start.beams[v] = f.scaled(by: 1 / f.norm)
        }
        guard generator.warmStart, before != nil else {
            let cold = Decision(
                assignment: start.assignment, beams: start.beams.map { $0! }, rates: [Double](repeating: 0, count: k))
            return try HeuristicPolicy().decide(problem, warmStart: cold)
        }
        return try HeuristicPolicy().decide(problem, from: start, budget: .unlimited)
    }
}
