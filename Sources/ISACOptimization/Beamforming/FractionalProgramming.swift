import Foundation
import ISACMath
import ISACPhysics

/// What one FP run (M8) returns.
public struct FractionalProgrammingResult: Sendable {
    /// Beam of every vehicle (empty for vehicles left out, assignment −1), `[vehicle][N_t]`.
    public var beams: [ComplexVector]
    /// log₂(1 + SINR_k), bit/s/Hz (0 for vehicles left out).
    public var rates: [Double]
    public var sumRate: Double
    /// FP iterations (one = an update of γ, y and every beam).
    public var iterations: Int
    public var outcome: SolverOutcome
    /// Sum rate (bit/s/Hz) at the start and after every iteration, when asked for.
    public var history: [Double]
    /// Serving links below their sensing requirement Λ_eff.
    public var sensingViolations: Int
    /// Sensing beam updates made by the dual step (O21) and those where it fell back to SCA.
    public var sensingDualSteps = 0
    public var sensingDualFallbacks = 0
}

/// Fractional programming for the sum rate (M8, Shen & Yu 2018, quadratic transform with the
/// Lagrangian dual transform) with the beam step of M9 and the SCA sensing constraint of M10.
///
/// One iteration: γ_k = SINR_k; y_k = √(1+γ_k) g_kᴴf_k / (Σ_m |g_kᴴf_m|² + σ²) (all m heard by k,
/// including k); then every beam maximises f_q = Σ log(1+γ) − γ + 2Re{y*√(1+γ) gᴴf_k}
/// − |y|²(Σ_m|gᴴf_m|² + σ²), which splits per beam into 2Re{c_kᴴf} − fᴴA_i f with c_k = y_k√(1+γ_k)g_ik
/// and A_i = Σ_j |y_j|² g_ij g_ijᴴ over the vehicles j that hear RSU i (its own vehicles; all with
/// inter-RSU interference). Each block update cannot decrease f_q and at the fixed point f_q equals
/// the sum rate in nats, so the sum rate never decreases (Lemma 2). Stops when the relative gain of
/// an iteration is ≤ `fpTolerance`.
public struct FractionalProgramming: Sendable {
    public var options: DecisionOptions

    public init(options: DecisionOptions = .standard) { self.options = options }

    /// FP on a fixed assignment (−1 leaves a vehicle out), from `initialBeams` (matched beams
    /// where nil or absent).
    public func solve(
        _ problem: DecisionProblem, assignment: [Int], initialBeams: [ComplexVector?]? = nil,
        recordHistory: Bool = false
    ) -> FractionalProgrammingResult {
        var state = FPState(problem: problem, assignment: assignment)
        state.setInitialBeams(options.fpStart)
        if let initial = initialBeams {
            for v in 0..<min(initial.count, problem.vehicleCount) {
                if let f = initial[v], assignment[v] >= 0, f.count == problem.antennaCount { state.setBeam(v, f) }
            }
        }
        let run = state.run(options: options, recordHistory: recordHistory)
        var result = state.result(iterations: run.iterations, outcome: run.outcome, history: run.history)
        result.sensingDualSteps = state.dualSensingSteps
        result.sensingDualFallbacks = state.dualSensingFallbacks
        return result
    }
}

/// The mutable state of FP and of the assignment policies built on it: assignment, beams (flat,
/// N×K column-major interleaved), and the SINR terms of the last evaluation.
struct FPState {
    let problem: DecisionProblem
    let n: Int
    let k: Int
    var assignment: [Int]
    /// F: beam of vehicle v in column v.
    var beams: [Double]
    /// g_{a(v),v}ᴴ f_v, interleaved.
    var signal: [Double]
    /// Σ_{m≠v heard} |gᴴ f_m|².
    var interference: [Double]
    var sinr: [Double]
    /// The SCA half-space multiplier ν of each vehicle's last exact beam step (0: none), the warm
    /// start of its next dual root search.
    var multipliers: [Double]
    /// The ball multiplier μ of the same step (0: none), warm start of the joint Newton solve.
    var shifts: [Double]
    /// The beams and assignment the last ``evaluate()`` saw, and its reused storage (O27).
    var evaluated: FPEvaluationSnapshot? = nil
    var evaluationScratch = FPEvaluationScratch()
    /// SCA linearisations per sensing beam and FP iteration (decision O9; 1 is plain SCA-FP).
    static let scaStepsPerIteration = 6
    /// Sensing beam updates solved by the dual step (O21), and those of them where its Newton
    /// method failed and the SCA step ran instead.
    var dualSensingSteps = 0
    var dualSensingFallbacks = 0

    init(problem: DecisionProblem, assignment: [Int]) {
        self.problem = problem
        n = problem.antennaCount
        k = problem.vehicleCount
        precondition(assignment.count == k, "one RSU per vehicle")
        self.assignment = assignment
        beams = [Double](repeating: 0, count: 2 * n * k)
        signal = [Double](repeating: 0, count: 2 * k)
        interference = [Double](repeating: 0, count: k)
        sinr = [Double](repeating: 0, count: k)
        multipliers = [Double](repeating: 0, count: k)
        shifts = [Double](repeating: 0, count: k)
        for v in 0..<k where assignment[v] >= 0 { setMatchedBeam(v) }
    }

    mutating func setBeam(_ v: Int, _ f: ComplexVector) {
        beams.replaceSubrange(2 * n * v ..< 2 * n * (v + 1), with: f.storage)
    }

    /// f_v = a(φ) = g/‖g‖ at the vehicle's serving RSU.
    mutating func setMatchedBeam(_ v: Int) {
        multipliers[v] = 0
        shifts[v] = 0
        Self.writeMatchedBeam(channels: problem.channelMatrices[assignment[v]], vehicle: v, n: n, into: &beams)
    }

    /// Writes a(φ) = g_v/‖g_v‖ (M14) of column v of the interleaved N×K channel matrix `g` into
    /// column v of `out` (same shape).
    static func writeMatchedBeam(channels g: [Double], vehicle v: Int, n: Int, into out: inout [Double]) {
        var s = 0.0
        for e in 0 ..< 2 * n { s += g[2 * n * v + e] * g[2 * n * v + e] }
        let scale = 1 / s.squareRoot()
        for e in 0 ..< 2 * n { out[2 * n * v + e] = scale * g[2 * n * v + e] }
    }

    func beam(_ v: Int) -> ComplexVector { ComplexVector(interleaved: Array(beams[2 * n * v ..< 2 * n * (v + 1)])) }

    /// Σ log₂(1 + SINR) of the last evaluation.
    var sumRate: Double {
        var s = 0.0
        for v in 0..<k where assignment[v] >= 0 { s += log2(1 + sinr[v]) }
        return s
    }

    var rates: [Double] { (0..<k).map { assignment[$0] >= 0 ? log2(1 + sinr[$0]) : 0 } }

    /// One FP beam update (M8-M10) from the γ, y of the last evaluation; returns the worst
    /// beam-step outcome.
    mutating func updateBeams(options: DecisionOptions) -> SolverOutcome {
        let (yr, yi, root) = auxiliaries()
        return updateBeams(options: options, yr: yr, yi: yi, root: root)
    }

    /// The beam update with the step `options.beamStep` (the one place that chooses it; O14); of
    /// every beam, or of `onlyVehicle`'s alone (O20).
    mutating func updateBeams(
        options: DecisionOptions, yr: [Double], yi: [Double], root: [Double], onlyVehicle: Int? = nil
    ) -> SolverOutcome {
        switch options.beamStep {
        case .exact:
            return updateBeams(
                step: ExactBeamStep(), yr: yr, yi: yi, root: root, onlyVehicle: onlyVehicle,
                dualSensing: options.resolvedSensingStep == .dual)
        case .pga:
            return updateBeams(
                step: ProjectedGradientBeamStep(tolerance: options.pgaTolerance, maxSteps: options.pgaMaxSteps),
                yr: yr, yi: yi, root: root, onlyVehicle: onlyVehicle)
        }
    }

    /// One block update of FP (M8) for vehicle v's beam alone, from the γ, y of the last evaluation
    /// and with the others' beams fixed (O20): the beam that the next Jacobi iteration would give v.
    /// f_q cannot decrease, so neither can the sum rate (Lemma 2); a decrease by round-off restores
    /// the beam. Evaluates the state first and after.
    mutating func updateSingleBeam(_ v: Int, options: DecisionOptions) {
        evaluate()
        let (yr, yi, root) = auxiliaries()
        let before = sumRate
        let saved = beams
        _ = updateBeams(options: options, yr: yr, yi: yi, root: root, onlyVehicle: v)
        evaluate()
        if !(sumRate >= before) {
            beams = saved
            evaluate()
        }
    }

    /// FP's y_k (real and imaginary parts) and √(1+γ_k) from the last evaluation (M8).
    func auxiliaries() -> (yr: [Double], yi: [Double], root: [Double]) {
        let noise = problem.noisePower
        var yr = [Double](repeating: 0, count: k), yi = yr, root = yr
        for v in 0..<k where assignment[v] >= 0 {
            let s2 = signal[2 * v] * signal[2 * v] + signal[2 * v + 1] * signal[2 * v + 1]
            root[v] = (1 + sinr[v]).squareRoot()
            let scale = root[v] / (s2 + interference[v] + noise)
            yr[v] = scale * signal[2 * v]
            yi[v] = scale * signal[2 * v + 1]
        }
        return (yr, yi, root)
    }

    /// The beam update for given y_k (complex) and √(1+γ_k); with `onlyVehicle` only that beam
    /// changes (the quadratic of its RSU still has every vehicle that hears it). `dualSensing`:
    /// the exact step solves sensing beams by their dual (O21) instead of SCA.
    mutating func updateBeams<Step: BeamStepSolver>(
        step: Step, yr: [Double], yi: [Double], root: [Double], onlyVehicle: Int? = nil, dualSensing: Bool = false
    ) -> SolverOutcome {
        let interRSU = problem.interRSUInterference
        var worst = SolverOutcome.converged
        for i in 0..<problem.rsuCount {
            if let only = onlyVehicle, assignment[only] != i { continue }
            let everyServed = (0..<k).filter { assignment[$0] == i }
            let served = onlyVehicle.map { [$0] } ?? everyServed
            if served.isEmpty { continue }
            let rows = interRSU ? (0..<k).filter { assignment[$0] >= 0 } : everyServed
            var column = [Int](repeating: -1, count: k)
            let g = problem.channelMatrices[i]
            for (col, j) in rows.enumerated() { column[j] = col }
            let factor = [Double](unsafeUninitializedCapacity: 2 * n * rows.count) { out, initialised in
                g.withUnsafeBufferPointer { gp in
                    for (col, j) in rows.enumerated() {
                        let w = (yr[j] * yr[j] + yi[j] * yi[j]).squareRoot()
                        for e in 0 ..< 2 * n { out[2 * n * col + e] = w * gp[2 * n * j + e] }
                    }
                }
                initialised = 2 * n * rows.count
            }
            let quadratic = BeamQuadratic(factor: factor, dimension: n, columns: rows.count)
            guard !quadratic.eigensolverFailed else {
                // No eigendecomposition: keep this RSU's beams rather than step on a zero matrix (O13).
                worst = worst.worst(.linearAlgebraFailure)
                continue
            }
            if let exact = step as? ExactBeamStep {
                worst = worst.worst(updateExact(exact, quadratic: quadratic, rsu: i, served: served, column: column,
                    yr: yr, yi: yi, root: root, dualSensing: dualSensing))
                continue
            }
            for m in served {
                // c = y·√(1+γ)·g = α·w with α = y√(1+γ)/|y|.
                let yAbs = (yr[m] * yr[m] + yi[m] * yi[m]).squareRoot()
                guard yAbs > 0 else { continue }  // no signal: c = 0, keep the beam
                let alpha = (re: yr[m] * root[m] / yAbs, im: yi[m] * root[m] / yAbs)
                let lambda = problem.effectiveSensingRequirements[i][m]
                var halfSpace: HalfSpace? = nil
                var start = ComplexVector(count: 0)
                if lambda > 0, let pi = problem.sensingOperator(rsu: i, vehicle: m) {
                    start = beam(m)
                    halfSpace = HalfSpace(linearising: pi, requirement: lambda, at: start)
                } else if Step.self != ExactBeamStep.self {
                    start = beam(m)
                }
                let r = step.solve(
                    quadratic: quadratic, factorColumn: column[m], scale: alpha, halfSpace: halfSpace, start: start)
                worst = worst.worst(r.outcome)
                setBeam(m, r.beam)
            }
        }
        return worst
    }

    /// The exact step for all beams of one RSU: coordinates per beam, then one batched assembly.
    mutating func updateExact(
        _ exact: ExactBeamStep, quadratic: BeamQuadratic, rsu i: Int, served: [Int], column: [Int], yr: [Double],
        yi: [Double], root: [Double], dualSensing: Bool = false
    ) -> SolverOutcome {
        let r = quadratic.rank
        var worst = SolverOutcome.converged
        var z = [Double](repeating: 0, count: 2 * r * served.count)
        var extras: [(scale: Double, vector: ComplexVector)?] = Array(repeating: nil, count: served.count)
        // A sensing beam's part outside range(A) is a·π₁ + a'·π₂, added at assembly (no N-vector per beam, O14).
        var sensingParts = [(pi1: (re: Double, im: Double), pi2: (re: Double, im: Double))?](
            repeating: nil, count: served.count)
        var keep = [Bool](repeating: false, count: served.count)
        // Sensing beams: coordinates Uᴴa, Uᴴa' of the vectors spanning every SCA normal, batched (O9).
        var sensingColumn = [Int](repeating: -1, count: served.count)
        var spanning: [Double] = []
        spanning.reserveCapacity(4 * n * served.count)
        var sensingCount = 0
        for (s, m) in served.enumerated() {
            if problem.effectiveSensingRequirements[i][m] > 0, let pi = problem.sensingOperator(rsu: i, vehicle: m) {
                sensingColumn[s] = sensingCount
                spanning.append(contentsOf: pi.a.storage)
                spanning.append(contentsOf: pi.aPrime.storage)
                sensingCount += 1
            }
        }
        let spanCoordinates = quadratic.coordinates(ofColumns: spanning, count: 2 * sensingCount)
        var scratch = SensingSubspaceStep.Scratch()
        for (s, m) in served.enumerated() {
            let yAbs = (yr[m] * yr[m] + yi[m] * yi[m]).squareRoot()
            guard yAbs > 0 else {
                keep[s] = true  // no signal: c = 0, keep the beam
                continue
            }
            let alpha = (re: yr[m] * root[m] / yAbs, im: yi[m] * root[m] / yAbs)
            if sensingColumn[s] >= 0, let pi = problem.sensingOperator(rsu: i, vehicle: m) {
                let base = 4 * r * sensingColumn[s]
                let subspace = SensingSubspaceStep(
                    operator: pi, requirement: problem.effectiveSensingRequirements[i][m],
                    coordinates: spanCoordinates[base ..< base + 4 * r], rank: r)
                if dualSensing {
                    dualSensingSteps += 1
                    if let b = subspace.solveDual(
                        quadratic: quadratic, factorColumn: column[m], scale: alpha, initialMultiplier: multipliers[m],
                        initialShift: shifts[m], scratch: &scratch)
                    {
                        multipliers[m] = b.multiplier
                        shifts[m] = b.shift
                        for e in 0 ..< 2 * r { z[2 * r * s + e] = scratch.z[e] }
                        sensingParts[s] = (b.pi1, b.pi2)
                        continue
                    }
                    dualSensingFallbacks += 1
                }
                let (eta, etaPrime) = beams.withUnsafeBufferPointer { f in
                    (pi.a.storage.withUnsafeBufferPointer { ComplexKernels.dot($0, 0, f, 2 * n * m, n) },
                     pi.aPrime.storage.withUnsafeBufferPointer { ComplexKernels.dot($0, 0, f, 2 * n * m, n) })
                }
                let b = subspace.solve(
                    exact, quadratic: quadratic, factorColumn: column[m], scale: alpha, eta: eta, etaPrime: etaPrime,
                    initialMultiplier: multipliers[m], initialShift: shifts[m], maxSteps: Self.scaStepsPerIteration,
                    scratch: &scratch)
                multipliers[m] = b.multiplier
                shifts[m] = b.shift
                worst = worst.worst(b.outcome)
                for e in 0 ..< 2 * r { z[2 * r * s + e] = scratch.z[e] }
                sensingParts[s] = (b.pi1, b.pi2)
                continue
            }
            let c = exact.coefficients(quadratic, factorColumn: column[m], scale: alpha, halfSpace: nil)
            worst = worst.worst(c.outcome)
            for e in 0 ..< 2 * r { z[2 * r * s + e] = c.zeta[e] }
            if let extra = c.extra, c.extraScale != 0 { extras[s] = (c.extraScale, extra) }
        }
        let f = quadratic.assemble(columns: z, count: served.count)
        let n2 = 2 * n
        for (s, m) in served.enumerated() where !keep[s] {
            var norm2 = 0.0
            if let part = sensingParts[s], let pi = problem.sensingOperator(rsu: i, vehicle: m) {
                // f + (a·π₁ + a'·π₂), element by element as ComplexVector.scaled(by:) and add(_:) form it.
                let (p1, p2) = part
                for e in 0..<n {
                    let ar = pi.a.storage[2 * e], ai = pi.a.storage[2 * e + 1]
                    let br = pi.aPrime.storage[2 * e], bi = pi.aPrime.storage[2 * e + 1]
                    let xr = f[n2 * s + 2 * e] + ((ar * p1.re - ai * p1.im) + (br * p2.re - bi * p2.im))
                    let xi = f[n2 * s + 2 * e + 1] + ((ar * p1.im + ai * p1.re) + (br * p2.im + bi * p2.re))
                    beams[n2 * m + 2 * e] = xr
                    beams[n2 * m + 2 * e + 1] = xi
                    norm2 += xr * xr
                    norm2 += xi * xi
                }
            } else {
                for e in 0..<n2 {
                    var x = f[n2 * s + e]
                    if let extra = extras[s] { x += extra.scale * extra.vector.storage[e] }
                    beams[n2 * m + e] = x
                    norm2 += x * x
                }
            }
            if norm2 > 1 {  // round-off guard: the secular solve meets ‖f‖ = 1 to ~1e-12
                let scale = 1 / norm2.squareRoot()
                for e in 0..<n2 { beams[n2 * m + e] *= scale }
            }
        }
        return worst
    }

    /// FP iterations until the relative gain is ≤ tolerance (M8), without a budget.
    mutating func run(options: DecisionOptions, recordHistory: Bool, maxIterations: Int? = nil)
        -> (iterations: Int, outcome: SolverOutcome, history: [Double])
    {
        var meter = BudgetMeter.unlimited
        return run(options: options, recordHistory: recordHistory, maxIterations: maxIterations, meter: &meter)
    }

    /// FP iterations until the relative gain is ≤ tolerance (M8) or `meter` refuses the next
    /// iteration (`budgetExhausted`; the beams are then the last iterate, the best of the run).
    mutating func run(
        options: DecisionOptions, recordHistory: Bool, maxIterations: Int? = nil, meter: inout BudgetMeter
    ) -> (iterations: Int, outcome: SolverOutcome, history: [Double]) {
        evaluate()
        var current = sumRate
        var history: [Double] = recordHistory ? [current] : []
        let limit = maxIterations ?? options.fpMaxIterations
        var outcome = SolverOutcome.iterationLimit
        var iterations = 0
        guard assignment.contains(where: { $0 >= 0 }) else { return (0, .converged, history) }
        var extrapolation: FPExtrapolation? = options.resolvedFPAcceleration == .extrapolated ? FPExtrapolation() : nil
        while iterations < limit {
            guard meter.allowsIteration() else {
                outcome = .budgetExhausted
                break
            }
            meter.beginIteration()
            let saved = beams
            let stepOutcome = updateBeams(options: options)
            evaluate()
            if extrapolation != nil, stepOutcome != .linearAlgebraFailure, sumRate >= current {
                _ = extrapolation!.apply(to: &self, previous: saved)
            }
            iterations += 1
            meter.endIteration()
            let next = sumRate
            if recordHistory { history.append(next) }
            if !(next >= current - 1e-9 * max(abs(current), 1e-300)) {
                // Lemma 2 forbids a decrease: round-off or a failed step. Keep the better beams.
                beams = saved
                evaluate()
                outcome = stepOutcome == .linearAlgebraFailure ? .linearAlgebraFailure : .stalled
                break
            }
            let gain = next - current
            current = next
            if stepOutcome == .linearAlgebraFailure {
                // The failed RSU kept its beams (the others' block updates stand); stop here (O13).
                outcome = .linearAlgebraFailure
                break
            }
            if gain <= options.fpTolerance * max(abs(next), 1e-300) {
                outcome = stepOutcome == .infeasible ? .infeasible : .converged
                break
            }
        }
        return (iterations, outcome, history)
    }

    /// Serving links below Λ_eff (relative slack 1e-9).
    func sensingViolations() -> Int {
        var count = 0
        for v in 0..<k where assignment[v] >= 0 {
            let i = assignment[v]
            let lambda = problem.effectiveSensingRequirements[i][v]
            if lambda > 0, let pi = problem.sensingOperator(rsu: i, vehicle: v),
                pi.sensitivity(beam(v)) < lambda * (1 - 1e-9)
            {
                count += 1
            }
        }
        return count
    }

    func result(iterations: Int, outcome: SolverOutcome, history: [Double]) -> FractionalProgrammingResult {
        FractionalProgrammingResult(
            beams: (0..<k).map { assignment[$0] >= 0 ? beam($0) : ComplexVector(count: 0) }, rates: rates,
            sumRate: sumRate, iterations: iterations, outcome: outcome, history: history,
            sensingViolations: sensingViolations())
    }

    /// M11's what-if rate: vehicle v's rate if served by RSU j with the matched beam, interfered by
    /// the current beams of RSU j (and, with inter-RSU interference, of the others), bit/s/Hz.
    func whatIfRate(vehicle v: Int, rsu j: Int) -> Double {
        let interRSU = problem.interRSUInterference
        var interferencePower = 0.0
        var signalPower = 0.0
        beams.withUnsafeBufferPointer { f in
            problem.channelMatrices[j].withUnsafeBufferPointer { g in
                signalPower = ComplexKernels.dot(g, 2 * n * v, g, 2 * n * v, n).re  // ‖g‖² = |gᴴa|²
                for m in 0..<k where m != v && assignment[m] >= 0 && (assignment[m] == j || interRSU) {
                    let z: (re: Double, im: Double)
                    if assignment[m] == j {
                        z = ComplexKernels.dot(g, 2 * n * v, f, 2 * n * m, n)
                    } else {
                        z = problem.channelMatrices[assignment[m]].withUnsafeBufferPointer {
                            ComplexKernels.dot($0, 2 * n * v, f, 2 * n * m, n)
                        }
                    }
                    interferencePower += z.re * z.re + z.im * z.im
                }
            }
        }
        return log2(1 + signalPower / (interferencePower + problem.noisePower))
    }

    /// The rate of vehicle v in the last evaluation, bit/s/Hz.
    func rate(_ v: Int) -> Double { assignment[v] >= 0 ? log2(1 + sinr[v]) : 0 }
}
