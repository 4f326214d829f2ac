import ArgumentParser
import ISACOptimization
import ISACPhysics

/// Solver flags shared by `sweep`, `simulate` and `bench decisions` (fields of ``DecisionOptions``).
struct SolverFlags: ParsableArguments {
    @Flag(name: .customLong("no-sensing"), help: "Switch the sensing constraint (37) off (M10).")
    var noSensing = false

    @Option(name: .customLong("beam-step"), help: "FP beam step: exact (default) or pga.")
    var beamStep: String = "exact"

    @Option(name: .customLong("fp-tolerance"), help: "FP stops when the relative sum-rate gain is below this.")
    var fpTolerance: Double = DecisionOptions.standard.fpTolerance

    @Option(name: .customLong("fp-max-iterations"), help: "FP iteration limit.")
    var fpMaxIterations: Int = DecisionOptions.standard.fpMaxIterations

    @Option(name: .customLong("inner-fp-iterations"), help: "FP iteration limit after each heuristic flip / greedy addition.")
    var innerFPIterations: Int = DecisionOptions.standard.innerFPIterations

    @Option(name: .customLong("time-budget-inner-fp-iterations"), help: "The same limit for decisions under a time budget: --budget-ms or --enforce-deadline (O18).")
    var timeBudgetInnerFPIterations: Int = DecisionOptions.standard.timeBudgetInnerFPIterations ?? DecisionOptions.standard.innerFPIterations

    @Option(name: .customLong("flip-evaluation"), help: "The heuristic's flip evaluation: exact (Algorithm 3 with a full FP first and \(DecisionOptions.standard.innerFPIterations) FP iterations per flip), screened (O20: cheaper FP runs while comparing flips) or surrogate (O25, cold decisions: Algorithm 3's flips and a steepest ascent on matched beams without FP, then one full FP on the assignment found; from a carried start as exact).")
    var flipEvaluation: String = DecisionOptions.standard.resolvedFlipEvaluation.rawValue

    @Option(name: .customLong("sensing-step"), help: "The sensing beams' FP block update: sca (M10, up to six SCA linearisations per beam and iteration) or dual (O21, the block's global optimum by its Lagrangian dual).")
    var sensingStep: String = DecisionOptions.standard.resolvedSensingStep.rawValue

    @Option(name: .customLong("fp-acceleration"), help: "FP's iterates: none (M8) or extrapolated (O24: each iteration also tries F + β(F − F_prev), kept only when feasible and raising the sum rate).")
    var fpAcceleration: String = DecisionOptions.standard.resolvedFPAcceleration.rawValue

    @Option(name: .customLong("fp-start"), help: "FP's initial beams: matched (M8, f = a(φ)) or rzf (O26: per-RSU regularised zero forcing, sensing beams mixed with the matched beam until ‖Πf‖² ≥ Λ_eff; also for a vehicle joining an RSU).")
    var fpStart: String = DecisionOptions.standard.resolvedFPStart.rawValue

    @Option(name: .customLong("exhaustive-limit"), help: "Largest K the exhaustive scheme accepts.")
    var exhaustiveLimit: Int = DecisionOptions.standard.exhaustiveVehicleLimit

    func validate() throws {
        try FlagCheck.oneOf("--beam-step", beamStep, DecisionOptions.BeamStep.allCases.map(\.rawValue))
        try FlagCheck.oneOf("--flip-evaluation", flipEvaluation, DecisionOptions.FlipEvaluation.allCases.map(\.rawValue))
        try FlagCheck.oneOf("--sensing-step", sensingStep, DecisionOptions.SensingStep.allCases.map(\.rawValue))
        try FlagCheck.oneOf("--fp-acceleration", fpAcceleration, DecisionOptions.FPAcceleration.allCases.map(\.rawValue))
        try FlagCheck.oneOf("--fp-start", fpStart, DecisionOptions.FPStart.allCases.map(\.rawValue))
        do { try options.validate() } catch let e as ConfigError {
            throw ValidationError(ConfigError(field: Self.flag(for: e.field), value: e.value, validRange: e.validRange).description)
        }
    }

    /// The flag of a ``DecisionOptions`` field.
    static func flag(for field: String) -> String {
        switch field {
        case "fpTolerance": return "--fp-tolerance"
        case "fpMaxIterations": return "--fp-max-iterations"
        case "innerFPIterations": return "--inner-fp-iterations"
        case "timeBudgetInnerFPIterations": return "--time-budget-inner-fp-iterations"
        case "exhaustiveVehicleLimit": return "--exhaustive-limit"
        default: return field
        }
    }

    var options: DecisionOptions {
        var o = DecisionOptions.standard
        o.sensingConstraint = !noSensing
        o.beamStep = DecisionOptions.BeamStep(rawValue: beamStep) ?? .exact
        o.fpTolerance = fpTolerance
        o.fpMaxIterations = fpMaxIterations
        o.exhaustiveVehicleLimit = exhaustiveLimit
        o.innerFPIterations = innerFPIterations
        o.timeBudgetInnerFPIterations = timeBudgetInnerFPIterations
        if let e = DecisionOptions.FlipEvaluation(rawValue: flipEvaluation), e != o.resolvedFlipEvaluation {
            o.flipEvaluation = e
        }
        if let e = DecisionOptions.SensingStep(rawValue: sensingStep), e != o.resolvedSensingStep {
            o.sensingStep = e
        }
        if let e = DecisionOptions.FPAcceleration(rawValue: fpAcceleration), e != o.resolvedFPAcceleration {
            o.fpAcceleration = e
        }
        if let e = DecisionOptions.FPStart(rawValue: fpStart), e != o.resolvedFPStart {
            o.fpStart = e
        }
        return o
    }
}

/// `--schemes` plus the solver flags, for `sweep` and `bench decisions`.
struct DecisionOptionsFlags: ParsableArguments {
    @Option(help: "Comma-separated schemes: distance-mf, distance-fp, greedy, heuristic, exhaustive, lstm, lstm-fp (shipped models, or --lstm).")
    var schemes: String = "distance-mf,distance-fp,greedy,heuristic"

    @OptionGroup var solver: SolverFlags
    @OptionGroup var learned: LearnedPolicyOption

    var schemeList: [String] { schemes.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
    var noSensing: Bool { solver.noSensing }
    var options: DecisionOptions { solver.options }

    /// The policy registry for a sweep: `lstm`/`lstm-fp` decide each drop with the model pair
    /// nearest its K (TW11); the arrays are checked here when the sweep has a single N.
    func registry(config: ScenarioConfig, antennas: [Int]) throws -> DecisionPolicyRegistry {
        var parameters: ScenarioParameters? = nil
        if antennas.count == 1 {
            var c = config
            c.antennas.transmit = antennas[0]
            c.antennas.receive = antennas[0]
            parameters = ScenarioParameters(c)
        }
        return try learned.registry(requested: schemeList, parameters: parameters, meanVehicles: nil)
    }

    func validate() throws {
        _ = try CommaSeparated.names(schemes, flag: "--schemes", known: learned.knownNames, hint: learned.hint)
    }
}
