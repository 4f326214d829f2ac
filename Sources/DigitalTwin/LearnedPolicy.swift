import Foundation
import ISACLearning
import ISACMath
import ISACOptimization

/// The learned policy `lstm` (Section VI, M16): the assignment network picks each vehicle's RSU,
/// the beamforming network its beam, projected onto the power constraint (‖f‖ ≤ 1, or the per-RSU
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
        let layout = LearningFeatures.layout(for: problem)
        guard assignmentModel.architecture.inputCount == layout.featureCount,
            beamformingModel.architecture.outputCount == layout.beamComponentCount,
            assignmentModel.architecture.outputCount == problem.rsuCount
        else {
            throw DecisionError.unsupportedProblem(
                policy: name,
                reason: "the models were trained for \(assignmentModel.architecture.inputCount) features, "
                    + "\(beamformingModel.architecture.outputCount / 2) transmit antennas and "
                    + "\(assignmentModel.architecture.outputCount) RSUs; this problem has "
                    + "\(layout.featureCount) features, \(problem.antennaCount) antennas, \(problem.rsuCount) RSUs")
        }
        let k = problem.vehicleCount
        let nt = problem.antennaCount
        let order = LearningFeatures.roadOrder(problem)
        let features = LearningFeatures.features(problem, order: order, layout: layout)
        var rsu = [Int](repeating: 0, count: k)
        var raw = [Float](repeating: 0, count: k * 2 * nt)
        let engine = pool.borrow()
        features.withUnsafeBufferPointer { x in
            rsu.withUnsafeMutableBufferPointer { r in
                raw.withUnsafeMutableBufferPointer { b in
                    engine.decide(features: x, vehicleCount: k, rsu: r, beams: b)
                }
            }
        }
        pool.giveBack(engine)
        var assignment = [Int](repeating: 0, count: k)
        var beams = [ComplexVector](repeating: ComplexVector(count: nt), count: k)
        for (position, vehicle) in order.enumerated() {
            assignment[vehicle] = rsu[position]
            var f = ComplexVector(count: nt)
            for n in 0..<nt {
                f.storage[2 * n] = Double(raw[position * 2 * nt + n])
                f.storage[2 * n + 1] = Double(raw[position * 2 * nt + nt + n])
            }
            beams[vehicle] = f.projectedOntoBall()
        }
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
            rates: problem.referenceRates(assignment: assignment, beams: beams),
            sensingViolations: violations)
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
