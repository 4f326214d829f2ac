import Foundation
import ISACLearning
import ISACMath
import ISACOptimization
import ISACPhysics

/// The learned policy `lstm` (Section VI, M16): the assignment network picks each vehicle's RSU,
/// the beamforming network its beam as a residual from the matched beam of that link (TW9),
/// projected onto the power constraint (‖f‖ ≤ 1, or the per-RSU
/// budget). It reads ``DecisionProblem/observations`` through ``LearningFeatures``; the rates it
/// reports are evaluated on the problem's geometry like every other policy's.
///
/// Inference engines hold scratch memory, so each call borrows one from a small pool (one per
/// concurrently deciding thread); after warm-up a decision allocates only its result.
public struct LearnedPolicy: DecisionPolicy {
    public let name = "lstm"
    public var readsObservations: Bool { true }
    public let assignmentModel: LearnedModel
    public let beamformingModel: LearnedModel
    private let pool: EnginePool

    public init(assignmentModel: LearnedModel, beamformingModel: LearnedModel) {
        self.assignmentModel = assignmentModel
        self.beamformingModel = beamformingModel
        pool = EnginePool(assignmentModel: assignmentModel, beamformingModel: beamformingModel)
    }

    public func decide(_ problem: DecisionProblem, warmStart: Decision?) throws -> Decision {
        try decideWithConfidence(problem).decision
    }

    /// What both networks read: the vehicles in road order and their features (M16), after checking
    /// that the problem has the array sizes and RSU count the networks were trained for.
    private func networkInput(_ problem: DecisionProblem) throws -> (order: [Int], features: [Float]) {
        let layout = LearningFeatures.layout(for: problem)
        try checkLayout(layout)
        let order = LearningFeatures.roadOrder(problem)
        return (order, LearningFeatures.features(problem, order: order, layout: layout))
    }

    /// The decision and the assignment network's probabilities, `[vehicle][RSU]` (problem order).
    public func decideWithConfidence(_ problem: DecisionProblem) throws -> (decision: Decision, probabilities: [[Float]]) {
        let (order, features) = try networkInput(problem)
        let k = problem.vehicleCount
        let nt = problem.antennaCount
        var rsu = [Int](repeating: 0, count: k)
        var raw = [Float](repeating: 0, count: k * 2 * nt)
        let c = problem.rsuCount
        var confidence = [Float](repeating: 0, count: k * c)
        let engine = pool.borrow()
        features.withUnsafeBufferPointer { x in
            rsu.withUnsafeMutableBufferPointer { r in
                raw.withUnsafeMutableBufferPointer { b in
                    confidence.withUnsafeMutableBufferPointer { p in
                        engine.decide(features: x, vehicleCount: k, rsu: r, beams: b, confidence: p)
                    }
                }
            }
        }
        pool.giveBack(engine)
        var probabilities = [[Float]](repeating: [], count: k)
        var assignment = [Int](repeating: 0, count: k)
        var beams = [ComplexVector](repeating: ComplexVector(count: nt), count: k)
        for (position, vehicle) in order.enumerated() {
            assignment[vehicle] = rsu[position]
            probabilities[vehicle] = Array(confidence[position * c ..< (position + 1) * c])
            var f = ComplexVector(count: nt)
            for n in 0..<nt {
                f.storage[2 * n] = Double(raw[position * 2 * nt + n])
                f.storage[2 * n + 1] = Double(raw[position * 2 * nt + nt + n])
            }
            let beam = LearningFeatures.beam(residual: f, problem: problem, rsu: rsu[position], vehicle: vehicle)
            beams[vehicle] = beam
        }
        return (Self.feasibleDecision(problem, assignment: assignment, beams: beams), probabilities)
    }

    /// The assignment network alone (`lstm-fp` without the beam network, TW16): each vehicle's
    /// RSU and the network's `[vehicle][RSU]` probabilities (problem order); equal to
    /// ``decideWithConfidence(_:)``'s assignment and probabilities.
    public func assignmentWithConfidence(_ problem: DecisionProblem) throws -> (assignment: [Int], probabilities: [[Float]]) {
        let (order, features) = try networkInput(problem)
        let k = problem.vehicleCount
        let c = problem.rsuCount
        var rsu = [Int](repeating: 0, count: k)
        var confidence = [Float](repeating: 0, count: k * c)
        let engine = pool.borrow()
        features.withUnsafeBufferPointer { x in
            rsu.withUnsafeMutableBufferPointer { r in
                confidence.withUnsafeMutableBufferPointer { p in
                    engine.assign(features: x, vehicleCount: k, rsu: r, confidence: p)
                }
            }
        }
        pool.giveBack(engine)
        var probabilities = [[Float]](repeating: [], count: k)
        var assignment = [Int](repeating: 0, count: k)
        for (position, vehicle) in order.enumerated() {
            assignment[vehicle] = rsu[position]
            probabilities[vehicle] = Array(confidence[position * c ..< (position + 1) * c])
        }
        return (assignment, probabilities)
    }

    /// The array sizes and RSU count the networks were trained for (read off their input and
    /// output sizes: O = RSUs, 2N_t beam outputs, F = RSUs·(2N_r + 2N_t + 2); nil if inconsistent).
    public var trainedLayout: FeatureLayout? {
        let rsus = assignmentModel.architecture.outputCount
        let nt = beamformingModel.architecture.outputCount / 2
        let perRSU = assignmentModel.architecture.inputCount / max(rsus, 1)
        let nr = (perRSU - 2 * nt - 2) / 2
        guard rsus >= 1, nt >= 1, nr >= 1 else { return nil }
        let layout = FeatureLayout(transmitAntennas: nt, receiveAntennas: nr, rsuCount: rsus)
        return layout.featureCount == assignmentModel.architecture.inputCount ? layout : nil
    }

    /// Refuses a scenario whose arrays or RSU count differ from the training data's, naming both
    /// (a network's input and output sizes are fixed by N_t, N_r and the RSU count).
    /// On a corridor the networks see one decision cell's RSUs (C3), so every cell is checked.
    public func checkCompatible(with parameters: ScenarioParameters) throws {
        for rsus in Set(parameters.highway.cells.map(\.rsus.count)).sorted() {
            try checkLayout(
                FeatureLayout(
                    transmitAntennas: parameters.transmitAntennas, receiveAntennas: parameters.receiveAntennas,
                    rsuCount: rsus))
        }
    }

    private func checkLayout(_ layout: FeatureLayout) throws {
        guard let trained = trainedLayout, trained == layout else {
            let models = trainedLayout.map(Self.describe) ?? "an inconsistent layout (\(assignmentModel.architecture.inputCount) features)"
            throw DecisionError.unsupportedProblem(
                policy: name, reason: "the models were trained for \(models); this scenario has \(Self.describe(layout))")
        }
    }

    private static func describe(_ l: FeatureLayout) -> String {
        "N_t = \(l.transmitAntennas), N_r = \(l.receiveAntennas), \(l.rsuCount) RSUs"
    }

    /// The decision of `assignment` and `beams` projected onto the power constraint (‖f‖ ≤ 1 per
    /// beam, then the per-RSU budget where configured), with its rates (eq. (9), evaluated as FP does, TW14) and sensing
    /// violations.
    static func feasibleDecision(
        _ problem: DecisionProblem, assignment: [Int], beams raw: [ComplexVector], fpIterations: Int = 0,
        outcome: SolverOutcome = .converged
    ) -> Decision {
        let k = problem.vehicleCount
        var beams = raw.map { $0.projectedOntoBall() }
        if problem.parameters.config.options.powerBudget == .perRSU {
            for i in 0..<problem.rsuCount {
                let served = (0..<k).filter { assignment[$0] == i }
                let total = served.reduce(0) { $0 + beams[$1].normSquared }
                if total > 1 { for v in served { beams[v] = beams[v].scaled(by: 1 / total.squareRoot()) } }
            }
        }
        var violations = 0
        for v in 0..<k {
            let lambda = problem.effectiveSensingRequirements[assignment[v]][v]
            if lambda > 0, let pi = problem.sensingOperator(rsu: assignment[v], vehicle: v),
                pi.sensitivity(beams[v]) < lambda
            {
                violations += 1
            }
        }
        return Decision(
            assignment: assignment, beams: beams,
            rates: problem.evaluatedRates(assignment: assignment, beams: beams),
            fpIterations: fpIterations, outcome: outcome, sensingViolations: violations)
    }
}

/// Inference engines for concurrent callers (an engine is not thread-safe; a pool is).
final class EnginePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [LearnedDecisionEngine] = []
    private let assignmentModel: LearnedModel
    private let beamformingModel: LearnedModel

    init(assignmentModel: LearnedModel, beamformingModel: LearnedModel) {
        self.assignmentModel = assignmentModel
        self.beamformingModel = beamformingModel
    }

    func borrow() -> LearnedDecisionEngine {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast()
            ?? LearnedDecisionEngine(assignmentModel: assignmentModel, beamformingModel: beamformingModel)
    }

    func giveBack(_ engine: LearnedDecisionEngine) {
        lock.lock()
        idle.append(engine)
        lock.unlock()
    }
}
