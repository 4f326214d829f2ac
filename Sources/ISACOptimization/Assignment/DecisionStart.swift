import Foundation
import ISACMath

/// Where an anytime policy starts (issue 10, O12): an RSU for every vehicle of the problem (problem
/// order) and optionally its beam (nil: the matched beam a(φ̂) of the problem's predicted geometry).
///
/// In the closed loop it is the previous slot's decision carried over by vehicle id
/// (``carried(from:ids:to:problem:)``); a policy given a start never returns a lower predicted sum
/// rate than the start's own on the problem.
public struct DecisionStart: Sendable, Equatable {
    /// Serving RSU of each vehicle, `[vehicle]`.
    public var assignment: [Int]
    /// Beam of each vehicle at its RSU, `[vehicle]` (nil: matched beam).
    public var beams: [ComplexVector?]
    /// FP weights (γ_k, |y_k|) of the decision the start was carried from, `[vehicle]` (nil: none,
    /// e.g. a newcomer). When present, the policy's first step is the re-aim step (O12).
    public var weights: [FPWeights?]?

    /// The auxiliary variables of FP (M8) at a vehicle: γ_k = SINR_k and |y_k| =
    /// √(γ_k/((1+γ_k)(I_k + σ²))) of the last evaluation (the phase of y_k only sets the beam's).
    public struct FPWeights: Sendable, Equatable {
        public var sinr: Double
        public var yMagnitude: Double

        public init(sinr: Double, yMagnitude: Double) {
            self.sinr = sinr
            self.yMagnitude = yMagnitude
        }
    }

    public init(assignment: [Int], beams: [ComplexVector?], weights: [FPWeights?]? = nil) {
        precondition(assignment.count == beams.count, "one beam slot per vehicle")
        precondition(weights.map { $0.count == assignment.count } ?? true, "one weight slot per vehicle")
        self.assignment = assignment
        self.beams = beams
        self.weights = weights
    }

    /// The nearest RSU of every vehicle with matched beams: distance-mf's decision (M14), the start
    /// of a decision without history.
    public static func nearest(_ problem: DecisionProblem) -> DecisionStart {
        DecisionStart(
            assignment: problem.nearestAssignment, beams: Array(repeating: nil, count: problem.vehicleCount))
    }

    /// The previous decision carried over by vehicle id: a vehicle still on the road keeps its RSU
    /// and beam, a newcomer gets its nearest RSU and the matched beam, a vehicle that left is dropped.
    ///
    /// With the previous problem given, a kept beam is steered with its vehicle (O12):
    /// f_n ← f_n·e^{−jπn(φ̂ − φ̂_prev)}, the ratio a(φ̂)/a(φ̂_prev) of eq. (4) at the serving RSU, which
    /// moves the whole beam pattern by the vehicle's change of direction cosine and leaves aᴴf, a'ᴴf
    /// and hence the sensitivity ‖Πf‖² unchanged. Unsteered, FP-designed beams (with their nulls
    /// and a main lobe a fraction of a beamwidth wide) lose much of their rate after 0.6 m of motion.
    /// - Parameters:
    ///   - previous: the decision made for the vehicles `previousIds` (same order).
    ///   - ids: the vehicles of `problem`, in problem order.
    ///   - previousProblem: the problem `previous` was decided on (nil: beams carried unsteered).
    public static func carried(
        from previous: Decision, ids previousIds: [Int], to ids: [Int], problem: DecisionProblem,
        previousProblem: DecisionProblem? = nil
    ) -> DecisionStart {
        precondition(ids.count == problem.vehicleCount, "one id per vehicle of the problem")
        precondition(previous.assignment.count == previousIds.count, "one id per vehicle of the previous decision")
        var index: [Int: Int] = [:]
        for (p, id) in previousIds.enumerated() { index[id] = p }
        var previousWeights: [FPWeights?]? = nil
        var weights: [FPWeights?]? = nil
        if let old = previousProblem, old.vehicleCount == previousIds.count, old.rsuCount == problem.rsuCount {
            if let kept = previous.fpWeights, kept.count == old.vehicleCount {
                previousWeights = kept  // recorded with the decision (O14)
            } else {
                // A decision without them (e.g. a learned policy's): evaluate it on its problem.
                var state = FPState(problem: old, assignment: previous.assignment)
                for p in 0..<old.vehicleCount
                where previous.assignment[p] >= 0 && previous.beams[p].count == old.antennaCount {
                    state.setBeam(p, previous.beams[p])
                }
                state.evaluate()
                previousWeights = (0..<old.vehicleCount).map { state.weights(vehicle: $0) }
            }
            weights = Array(repeating: nil, count: ids.count)
        }
        let nearest = problem.nearestAssignment
        var assignment = nearest
        var beams = [ComplexVector?](repeating: nil, count: ids.count)
        for (v, id) in ids.enumerated() {
            guard let p = index[id], previous.assignment[p] >= 0, previous.assignment[p] < problem.rsuCount,
                previous.beams[p].count == problem.antennaCount
            else { continue }
            let i = previous.assignment[p]
            assignment[v] = i
            if let old = previousProblem, let previousWeights {
                beams[v] = steered(previous.beams[p], by: problem.links[i][v].phi - old.links[i][p].phi)
                weights?[v] = previousWeights[p]
            } else {
                beams[v] = previous.beams[p]
            }
        }
        return DecisionStart(assignment: assignment, beams: beams, weights: weights)
    }

    /// f_n·e^{−jπnΔ}: the beam pattern moved by Δ in direction cosine (eq. (4)).
    ///
    /// The phasors come from the recurrence p_{n+1} = p_n·e^{−jπΔ} (T2: one sin/cos per beam
    /// instead of one per element), re-anchored by the direct formula every
    /// ``phasorAnchorInterval`` elements so the round-off stays O(interval·ε) for any N.
    static func steered(_ f: ComplexVector, by delta: Double) -> ComplexVector {
        var out = f
        let step = (re: cos(Double.pi * delta), im: -sin(Double.pi * delta))
        var p = (re: 1.0, im: 0.0)
        out.storage.withUnsafeMutableBufferPointer { o in
            for n in 0..<f.count {
                if n % phasorAnchorInterval == 0 && n > 0 {
                    let angle = -Double.pi * Double(n) * delta
                    p = (cos(angle), sin(angle))
                }
                let re = o[2 * n], im = o[2 * n + 1]
                o[2 * n] = re * p.re - im * p.im
                o[2 * n + 1] = re * p.im + im * p.re
                p = (p.re * step.re - p.im * step.im, p.re * step.im + p.im * step.re)
            }
        }
        return out
    }

    /// Elements between direct evaluations of the steering phasor in ``steered(_:by:)``.
    static let phasorAnchorInterval = 32

    /// The direct form of ``steered(_:by:)`` (one sin/cos per element), the reference of its test.
    static func steeredDirect(_ f: ComplexVector, by delta: Double) -> ComplexVector {
        var out = f
        for n in 0..<f.count {
            let angle = -Double.pi * Double(n) * delta
            let c = cos(angle), s = sin(angle)
            let re = f.storage[2 * n], im = f.storage[2 * n + 1]
            out.storage[2 * n] = re * c - im * s
            out.storage[2 * n + 1] = re * s + im * c
        }
        return out
    }

    /// The start's decision on `problem`: its assignment and beams, rates evaluated (no solver).
    public func decision(on problem: DecisionProblem) -> Decision {
        var state = FPState(problem: problem, start: self)
        state.evaluate()
        return state.decision(flips: 0, fpIterations: 0, outcome: .converged)
    }

    /// The safe fallback when not even the start fits the slot (O12): the start's assignment with
    /// the matched beams a(φ̂) aimed at the **predicted** positions of `problem`, never beams aimed at
    /// the previous slot's positions. Reported as `budgetExhausted`.
    public func fallback(on problem: DecisionProblem) -> Decision {
        var state = FPState(problem: problem, assignment: assignment)
        state.evaluate()
        return state.decision(flips: 0, fpIterations: 0, outcome: .budgetExhausted)
    }
}

extension FPState {
    /// γ and |y| of vehicle v in the last evaluation (nil when unassigned or without signal).
    func weights(vehicle v: Int) -> DecisionStart.FPWeights? {
        guard assignment[v] >= 0 else { return nil }
        let gamma = sinr[v]
        let d = interference[v] + problem.noisePower
        guard gamma > 0, d > 0, gamma.isFinite else { return nil }
        return DecisionStart.FPWeights(sinr: gamma, yMagnitude: (gamma / ((1 + gamma) * d)).squareRoot())
    }

    /// The re-aim step (O12): one FP beam update on this problem's channels with the start's carried
    /// FP weights (γ, |y|) where it has them and this evaluation's elsewhere. The weights of a
    /// converged FP change little between slots while the channels' phases do, so this one step
    /// re-points the beams (and their nulls) at the predicted positions. Kept only if the sum rate
    /// does not fall; counts as one FP iteration. Returns the iterations spent (0 or 1).
    mutating func reaim(with start: DecisionStart, options: DecisionOptions, meter: inout BudgetMeter) -> Int {
        guard let carried = start.weights, carried.contains(where: { $0 != nil }), meter.allowsIteration() else {
            return 0
        }
        meter.beginIteration()
        evaluate()
        let before = sumRate
        var (yr, yi, root) = auxiliaries()
        for v in 0..<k where assignment[v] >= 0 {
            guard let w = carried[v] else { continue }
            yr[v] = w.yMagnitude
            yi[v] = 0
            root[v] = (1 + w.sinr).squareRoot()
        }
        let saved = beams
        _ = updateBeams(options: options, yr: yr, yi: yi, root: root)
        evaluate()
        meter.endIteration()
        if !(sumRate >= before) {
            beams = saved
            evaluate()
        }
        return 1
    }

    /// The state of a start: its assignment, its beams where given, matched beams elsewhere.
    init(problem: DecisionProblem, start: DecisionStart) {
        self.init(problem: problem, assignment: start.assignment)
        for v in 0..<k where assignment[v] >= 0 {
            if let f = start.beams[v], f.count == n { setBeam(v, f) }
        }
    }
}
