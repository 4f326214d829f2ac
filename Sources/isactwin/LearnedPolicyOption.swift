import ArgumentParser
import DigitalTwin
import Foundation
import ISACLearning
import ISACOptimization
import ISACPhysics

/// `--lstm DIR`: the learned policies `lstm` and `lstm-fp` (TW10). DIR holds the two trained
/// networks, `DIR/assignment/model.islm` and `DIR/beamforming/model.islm` (what `isactwin train
/// --task assignment --out DIR/assignment` and `--task beamforming --out DIR/beamforming` write),
/// or is a model set like the shipped `models/`: one such pair per `K<count>/` subdirectory.
/// Without --lstm the shipped set is used (``ShippedModels``).
///
/// Which pair decides (TW11): for a closed loop, the pair trained for the count nearest the
/// scene's mean vehicle count; for static drops, the pair nearest each problem's K.
struct LearnedPolicyOption: ParsableArguments {
    @Option(
        name: .customLong("lstm"),
        help: "Trained networks for the policies 'lstm' and 'lstm-fp': a directory with assignment/ and beamforming/ model.islm, or a set of K<count>/ such directories. Default: the shipped models/ (the K nearest the scene's mean).")
    var modelDirectory: String?

    @Option(name: .customLong("lstm-fp-iterations"), help: "FP iterations per decision of 'lstm-fp' after the networks, the re-aim step included (1...200; a deterministic work budget, TW12). Default: 3; 8 with --lstm-fp-realtime.")
    var iterationsFlag: Int?

    @Option(name: .customLong("lstm-fp-budget-ms"), help: "Thread CPU time per decision of 'lstm-fp', ms, counted from its entry: networks and start included, FP gets the rest (0.01...1000; TW17). Default: none, only --lstm-fp-iterations bounds it; 4.6 with --lstm-fp-realtime. Timing-dependent: results then vary between runs.")
    var budgetFlag: Double?

    @Option(name: .customLong("lstm-fp-flips"), help: "Vehicles per decision of 'lstm-fp' that may flip RSU after the network, the least sure by its probabilities (0...1000; 0: FP on the network's assignment only; TW13). Default: 16; 1000 (every vehicle) with --lstm-fp-realtime.")
    var flipLimitFlag: Int?

    @Option(name: .customLong("lstm-fp-flip-threshold"), help: "A vehicle may flip only if the network's probability of its start RSU is at most this (0...1; 1: every vehicle; TW13). Default: 0.99; 1 with --lstm-fp-realtime.")
    var flipThresholdFlag: Float?

    @Flag(name: .customLong("lstm-fp-no-beam-network"), help: "'lstm-fp' runs the assignment network only: carried beams where it keeps a vehicle's RSU, matched beams elsewhere (TW16).")
    var noBeamNetwork = false

    @Flag(name: .customLong("lstm-fp-carry-flips"), help: "'lstm-fp' starts with last slot's flips where they still raise the start's sum rate, instead of finding them again (TW19).")
    var carryFlipsFlag = false

    @Flag(name: .customLong("lstm-fp-realtime"), help: "'lstm-fp' within 5 ms at K ≈ 50 (TW19): --lstm-fp-no-beam-network --lstm-fp-carry-flips --lstm-fp-flips 1000 --lstm-fp-flip-threshold 1 --lstm-fp-iterations 8 --lstm-fp-budget-ms 4.6; an explicit value of the last four overrides the preset's. At λ = 12.5: 96 % of the heuristic's gain with --sensing-step dual, 93 % with SCA (docs/results/learned.md). Static drops have no carried start, so there it sets the other flags only.")
    var realtime = false

    /// The settings of `--lstm-fp-realtime` (TW19).
    static let realtimeIterations = 8
    static let realtimeBudgetMilliseconds = 4.6
    /// With carried flips every vehicle may flip (TW19: +0.8 bit/s/Hz over TW13's 16 least sure).
    static let realtimeGuide = FlipGuide(threshold: 1, limit: 1000)

    var flipLimit: Int { flipLimitFlag ?? (realtime ? Self.realtimeGuide.limit : FlipGuide.standard.limit) }
    var flipThreshold: Float { flipThresholdFlag ?? (realtime ? Self.realtimeGuide.threshold : FlipGuide.standard.threshold) }

    /// FP iterations per `lstm-fp` decision (TW12; the preset's unless given).
    var fpIterations: Int { iterationsFlag ?? (realtime ? Self.realtimeIterations : LearnedRefinedPolicy.defaultFPIterations) }
    /// Whole-decision time budget of `lstm-fp`, ms (TW17; the preset's unless given).
    var budgetMilliseconds: Double? { budgetFlag ?? (realtime ? Self.realtimeBudgetMilliseconds : nil) }
    var usesBeamNetwork: Bool { !(noBeamNetwork || realtime) }
    var carryFlips: Bool { carryFlipsFlag || realtime }

    /// The flip guide of `lstm-fp` (TW13; nil: no flips).
    var flipGuide: FlipGuide? {
        guard flipLimit > 0 else { return nil }
        return FlipGuide(threshold: flipThreshold, limit: flipLimit)
    }

    /// The budget of one `lstm-fp` decision (TW12).
    var refinedBudget: DecisionBudget {
        DecisionBudget(fpIterations: fpIterations, cpuSeconds: budgetMilliseconds.map { $0 / 1000 })
    }

    static let names = ["lstm", "lstm-fp"]

    /// The policy names a flag may name.
    var knownNames: [String] { DecisionPolicyRegistry.standard.names + Self.names }

    func validate() throws {
        guard (1...200).contains(fpIterations) else {
            throw ValidationError("--lstm-fp-iterations \(fpIterations) is outside the valid range 1...200.")
        }
        if let t = budgetMilliseconds { try FlagCheck.number("--lstm-fp-budget-ms", t, 0.01, 1000, unit: " ms") }
        guard (0...1000).contains(flipLimit) else {
            throw ValidationError("--lstm-fp-flips \(flipLimit) is outside the valid range 0...1000.")
        }
        try FlagCheck.number("--lstm-fp-flip-threshold", Double(flipThreshold), 0, 1)
    }

    /// The standard policies plus `lstm` and `lstm-fp` when `requested` names one of them; the
    /// models are loaded (and checked against the scenario) only then.
    ///
    /// - Parameter parameters: the scenario the models must fit (nil: checked per problem, e.g. in
    ///   a sweep over array sizes).
    /// - Parameter meanVehicles: the scene's mean vehicle count (closed loop), or nil to pick the
    ///   pair nearest each problem's K (static drops).
    func registry(requested: [String], parameters: ScenarioParameters?, meanVehicles: Double?) throws -> DecisionPolicyRegistry {
        guard requested.contains(where: Self.names.contains) else { return .standard }
        var pairs = try loadPairs()
        if let mean = meanVehicles, let k = NearestVehicleCountPolicy.nearest(mean, among: Array(pairs.keys)) {
            pairs = [k: pairs[k]!]
        }
        for (k, policy) in pairs {
            guard let parameters else { break }
            do { try policy.checkCompatible(with: parameters) } catch let e as DecisionError {
                throw ValidationError("--lstm '\(source)'\(k > 0 ? " K\(k)" : ""): \(e)")
            }
        }
        let lstm = pairs.mapValues { $0 as any DecisionPolicy }
        let refined = pairs.mapValues { LearnedRefinedPolicy(
                learned: $0, budget: refinedBudget, guide: flipGuide, usesBeamNetwork: usesBeamNetwork,
                carriesFlips: carryFlips) as any DecisionPolicy }
        return DecisionPolicyRegistry.standard
            .registering(NearestVehicleCountPolicy(name: "lstm", policies: lstm))
            .registering(NearestVehicleCountPolicy(name: "lstm-fp", policies: refined))
    }

    private var source: String { modelDirectory ?? ShippedModels.locate() ?? "models" }

    /// Model pairs by training vehicle count (0 for a single pair of unknown K).
    func loadPairs() throws -> [Int: LearnedPolicy] {
        let directory: String
        if let d = modelDirectory {
            directory = d
        } else {
            guard let shipped = ShippedModels.locate() else {
                throw ValidationError(
                    "'lstm'/'lstm-fp' need trained networks: no shipped models found (looked in \(ShippedModels.candidates().joined(separator: ", "))); pass --lstm DIR.")
            }
            directory = shipped
        }
        if Self.isPair(directory) { return [0: try Self.load(directory: directory)] }
        let set = ShippedModels.pairDirectories(in: directory)
        guard !set.isEmpty else {
            throw ValidationError("--lstm '\(directory)': neither assignment/ and beamforming/ nor K<count>/ subdirectories holding them.")
        }
        return try set.mapValues { try Self.load(directory: $0) }
    }

    static func isPair(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("assignment/model.islm"))
    }

    /// Where `lstm`/`lstm-fp` get their networks (shown when a policy name is misspelt).
    var hint: [String: String] { [:] }

    static func load(directory: String) throws -> LearnedPolicy {
        func model(_ task: String) throws -> LearnedModel {
            let path = ((directory as NSString).appendingPathComponent(task) as NSString).appendingPathComponent("model.islm")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("--lstm '\(directory)': \(path) not found (train it with `isactwin train --task \(task) --out \(directory)/\(task)`).")
            }
            do { return try LearnedModel(decoding: data, name: path) } catch {
                throw ValidationError("--lstm '\(directory)': \(path) is not a valid model file: \(error)")
            }
        }
        let a = try model("assignment"), b = try model("beamforming")
        guard a.architecture.task == .assignment, b.architecture.task == .beamforming,
            a.architecture.inputCount == b.architecture.inputCount
        else {
            throw ValidationError("--lstm '\(directory)': assignment/ and beamforming/ must hold an assignment and a beamforming network over the same features.")
        }
        return LearnedPolicy(assignmentModel: a, beamformingModel: b)
    }
}
