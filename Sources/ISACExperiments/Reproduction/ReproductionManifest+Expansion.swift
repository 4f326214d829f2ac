import Foundation
import DigitalTwin
import ISACLearning
import ISACOptimization
import ISACPhysics

extension ReproductionManifest {
    /// The paper's figures a reproduction can run (the corridor is ``ReproductionFigure/corridor``).
    public static let figureRange = ReproductionFigure.paperRange

    /// ``init(plan:config:seed:figures:)`` with paper figures given by number.
    public init(plan: ReproductionPlan, config: ScenarioConfig, seed: UInt64, figures: Set<Int>) throws {
        try self.init(plan: plan, config: config, seed: seed, figures: Set(figures.map(ReproductionFigure.paper)))
    }

    /// Expands a plan into its tasks (R6): only the requested figures' tasks (Figs. 5 and 6 are
    /// the assignment and beamforming networks on shared datasets; the `lstm` scheme needs both,
    /// or ``ReproductionPlan/learnedModels``; the corridor's tasks, R12, need ``ReproductionPlan/corridor``).
    public init(plan: ReproductionPlan, config: ScenarioConfig, seed: UInt64, figures requested: Set<ReproductionFigure>) throws {
        guard !requested.isEmpty, requested.allSatisfy(\.isValid) else {
            throw ReproductionError.invalidRequest(
                field: "figures", value: requested.sorted().map(\.description).joined(separator: ","),
                valid: "a non-empty subset of 5...11 and corridor")
        }
        if requested.contains(.corridor) && plan.corridor == nil {
            throw ReproductionError.invalidRequest(field: "figures", value: "corridor", valid: "5...11 (plan \(plan.name) has no corridor)")
        }
        let figures = Set(requested.compactMap(\.number))
        try plan.validate()
        try config.validate()
        var data: [ReproductionTask] = []
        var simulate: [ReproductionTask] = []
        var train: [ReproductionTask] = []
        var learned: [ReproductionTask] = []

        if figures.contains(11) {
            simulate.append(
                ReproductionTask(
                    id: "fig11", stage: .simulate, work: .tracking(antennas: plan.trackingAntennas),
                    seedStreams: "per N: Xoshiro256StarStar(seed, N)"))
        }
        var shardIds: [Int: [String]] = [:]
        let learning = figures.contains(5) || figures.contains(6)
        if learning {
            for k in plan.learningVehicleCounts {
                for split in LearningDatasetRecipe.Split.allCases {
                    let recipe = Self.recipe(plan: plan, config: config, seed: seed, vehicles: k, split: split)
                    for s in 0..<recipe.shardCount {
                        let id = Self.shardId(vehicles: k, split: split, shard: s)
                        shardIds[k, default: []].append(id)
                        let r = recipe.shardRange(s)
                        data.append(
                            ReproductionTask(
                                id: id, stage: .data, work: .datasetShard(vehicles: k, split: split, shard: s),
                                seedStreams: "samples \(r.lowerBound)..<\(r.upperBound): generator seed = first draw of Xoshiro256StarStar(seed, K·2⁸ + \(split == .train ? 0 : 1)); chunk c on (generator seed, c), \(LearningDatasetRecipe.chunkSize) samples per chunk (R8)"))
                    }
                }
                for network in [LearningTask.assignment, .beamforming] where figures.contains(network == .assignment ? 5 : 6) {
                    train.append(
                        ReproductionTask(
                            id: Self.trainingId(vehicles: k, network: network), stage: .train,
                            work: .training(vehicles: k, network: network), dependencies: shardIds[k] ?? [],
                            seedStreams: "TrainingSession(seed): initialisation and mini-batch order"))
                }
            }
        }
        var sweeps: [ReproductionSweep] = []
        if figures.contains(7) { sweeps += [.fig7, .fig7Literal, .sensingOff] }
        if figures.contains(8) { sweeps.append(.fig8) }
        for sweep in sweeps {
            let schemes = sweep == .sensingOff ? ["heuristic"] : plan.schemes
            simulate += Self.sweepTasks(sweep, plan: plan, config: config, seed: seed, schemes: schemes, stage: .simulate, dependencies: [])
        }
        let runs = [9, 10].enumerated().filter { figures.contains($0.element) && $0.offset < plan.arrivalRates.count }.map(\.offset)
        for run in runs {
            for policy in plan.schemes {
                simulate.append(Self.closedLoopTask(run: run, policy: policy, stage: .simulate, dependencies: []))
            }
        }
        if requested.contains(.corridor), let corridor = plan.corridor {
            for run in corridor.arrivalRates.indices {
                for policy in corridor.policies {
                    simulate.append(Self.corridorTask(run: run, policy: policy))
                }
            }
        }

        // The learned scheme (R4): shipped or given networks, else the ones trained here.
        var lstm: Int? = nil
        var lstmDependencies: [String] = []
        var note: String? = nil
        if !plan.learnedModels.isEmpty {
            lstm = ReproductionExperiments.lstmVehicles(plan: plan, config: config, trained: plan.learnedModels.map(\.vehicles))
            let directory = URL(fileURLWithPath: plan.learnedModels.first { $0.vehicles == lstm }!.directory).lastPathComponent
            note = "the lstm scheme uses the given networks `\(directory)` (K = \(lstm!); `make demo` gives the shipped `models/`), not networks trained in this run"
        } else if figures.contains(5) && figures.contains(6) {
            lstm = ReproductionExperiments.lstmVehicles(plan: plan, config: config, trained: plan.learningVehicleCounts)
            if let k = lstm {
                lstmDependencies = [Self.trainingId(vehicles: k, network: .assignment), Self.trainingId(vehicles: k, network: .beamforming)]
            }
        } else {
            note = learning
                ? "Fig. \(figures.contains(5) ? 6 : 5) was not requested (--figures), so one network is not trained and the Bi-LSTM scheme is absent"
                : "Figs. 5-6 were not requested (--figures), so the Bi-LSTM scheme is absent"
        }
        if lstm != nil {
            let stage: ReproductionStage = lstmDependencies.isEmpty ? .simulate : .learned
            var tasks: [ReproductionTask] = []
            if figures.contains(7) && plan.sweepAntennas == plan.closedLoopAntennas {
                tasks += Self.sweepTasks(.fig7, plan: plan, config: config, seed: seed, schemes: Self.learnedSchemes, stage: stage, dependencies: lstmDependencies)
            }
            for run in runs {
                for policy in Self.learnedSchemes {
                    tasks.append(Self.closedLoopTask(run: run, policy: policy, stage: stage, dependencies: lstmDependencies))
                }
            }
            if stage == .simulate { simulate += tasks } else { learned += tasks }
        }

        formatVersion = Self.currentVersion
        self.plan = plan
        self.config = config
        self.seed = seed
        self.figures = requested.sorted()
        lstmVehicles = lstm
        learningNote = note
        tasks = data + simulate + train + learned
        fingerprint = ""
        fingerprint = computedFingerprint()
    }

    static func shardId(vehicles k: Int, split: LearningDatasetRecipe.Split, shard: Int) -> String {
        "dataset-K\(k)-\(split.rawValue)-s\(pad(shard, 4))"
    }

    static func trainingId(vehicles k: Int, network: LearningTask) -> String { "train-K\(k)-\(network.rawValue)" }

    /// The dataset split of one K (at the closed loop's N, where the learned policy runs).
    static func recipe(
        plan: ReproductionPlan, config: ScenarioConfig, seed: UInt64, vehicles: Int, split: LearningDatasetRecipe.Split
    ) -> LearningDatasetRecipe {
        var c = config
        c.antennas.transmit = plan.closedLoopAntennas
        c.antennas.receive = plan.closedLoopAntennas
        return LearningDatasetRecipe(
            parameters: ScenarioParameters(c), vehicles: vehicles, stride: plan.learningStride, seed: seed, split: split,
            sampleCount: split == .train ? plan.trainingSamples : plan.validationSamples)
    }

    static func sweepTasks(
        _ sweep: ReproductionSweep, plan: ReproductionPlan, config: ScenarioConfig, seed: UInt64, schemes: [String],
        stage: ReproductionStage, dependencies: [String]
    ) -> [ReproductionTask] {
        let definition = sweep.definition(plan: plan, config: config, seed: seed, schemes: schemes)
        var tasks: [ReproductionTask] = []
        for (p, point) in definition.points.enumerated() {
            let size = plan.dropsPerTask(vehicles: point.vehicles, antennas: point.antennas)
            for first in stride(from: 0, to: plan.drops, by: size) {
                let count = min(size, plan.drops - first)
                let suffix = schemes == Self.learnedSchemes ? "-lstm" : ""
                tasks.append(
                    ReproductionTask(
                        id: "\(sweep.rawValue)-N\(point.antennas)-K\(point.vehicles)-d\(pad(first, 3))-\(pad(first + count - 1, 3))\(suffix)",
                        stage: stage, work: .sweep(sweep, point: p, firstDrop: first, dropCount: count, schemes: schemes),
                        dependencies: dependencies,
                        seedStreams: "drop d: Xoshiro256StarStar(seed, K·2³² + d)"
                            + (schemes.contains("lstm") ? "; its one-slot sensing history: (seed ⊕ 0x0B5E7BED, K·2³² + d) (TW7)" : "")))
            }
        }
        return tasks
    }

    static func closedLoopTask(run: Int, policy: String, stage: ReproductionStage, dependencies: [String]) -> ReproductionTask {
        ReproductionTask(
            id: "fig\(run + 9)-\(policy)", stage: stage, work: .closedLoop(run: run, policy: policy), dependencies: dependencies,
            seedStreams: "world: Xoshiro256StarStar(seed, 0); echoes: MeasurementStreams(seed), common to every policy (with the distance-mf reference twin)")
    }
}

extension ReproductionManifest {
    /// One policy's twin on the corridor at the corridor plan's arrival rate number `run` (R12).
    static func corridorTask(run: Int, policy: String) -> ReproductionTask {
        ReproductionTask(
            id: "corridor-r\(run)-\(policy)", stage: .simulate, work: .corridorLoop(run: run, policy: policy),
            seedStreams: "world (filled start, C8): Xoshiro256StarStar(seed, 0); echoes: MeasurementStreams(seed), common to every policy (with the distance-mf reference twin)")
    }
}

extension ReproductionPlan {
    /// Checks sizes before any work; names the field.
    public func validate() throws {
        func check(_ field: String, _ ok: Bool, _ value: Any, _ valid: String) throws {
            guard ok else { throw ReproductionError.invalidRequest(field: "plan.\(field)", value: "\(value)", valid: valid) }
        }
        try check("drops", drops >= 1, drops, "≥ 1")
        try check("sweepTaskWork", sweepTaskWork >= 1, sweepTaskWork, "≥ 1")
        try check("trainingSamples", trainingSamples >= 1, trainingSamples, "≥ 1")
        try check("validationSamples", validationSamples >= 0, validationSamples, "≥ 0")
        try check("epochs", TrainingConfiguration.epochRange.contains(epochs), epochs, "1...100000")
        try check("learningStride", learningStride >= 1, learningStride, "≥ 1")
        try check("vehicleCounts", !vehicleCounts.isEmpty && vehicleCounts.allSatisfy { $0 >= 1 }, vehicleCounts, "non-empty, each ≥ 1")
        try check("learningVehicleCounts", learningVehicleCounts.allSatisfy { $0 >= 1 }, learningVehicleCounts, "each ≥ 1")
        try check("antennaCounts", antennaCounts.allSatisfy { $0 >= 1 }, antennaCounts, "each ≥ 1")
        try check(
            "durationsSeconds", durationsSeconds.count == arrivalRates.count && warmupsSeconds.count == arrivalRates.count,
            durationsSeconds, "one duration and one warm-up per arrival rate")
        try check("schemes", schemes.contains("heuristic") && schemes.contains("distance-mf") && !schemes.contains("lstm"), schemes,
            "must include heuristic and distance-mf; lstm is added by the plan itself")
        for s in schemes {
            try check("schemes", DecisionPolicyRegistry.standard.names.contains(s), s, DecisionPolicyRegistry.standard.names.joined(separator: ", "))
        }
        if let corridor {
            try check("corridor.arrivalRates", !corridor.arrivalRates.isEmpty && corridor.arrivalRates.allSatisfy { $0 > 0 && $0.isFinite },
                corridor.arrivalRates, "non-empty, each > 0")
            try check("corridor.durationSeconds", corridor.durationSeconds > corridor.warmupSeconds && corridor.warmupSeconds >= 0,
                corridor.durationSeconds, "> warmupSeconds ≥ 0")
            try check("corridor.policies", corridor.policies.first == "distance-mf", corridor.policies, "distance-mf first (the gain's reference)")
            for s in corridor.policies {
                try check("corridor.policies", DecisionPolicyRegistry.standard.names.contains(s), s, DecisionPolicyRegistry.standard.names.joined(separator: ", "))
            }
        }
        try check("learnedModels", Set(learnedModels.map(\.vehicles)).count == learnedModels.count, learnedModels.map(\.vehicles), "one directory per K")
    }
}

private func pad(_ x: Int, _ width: Int) -> String {
    let s = String(x)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}
