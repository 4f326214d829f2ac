/// Tolerances and limits of the decision solvers (M8-M14). Codable so runs can record them.
public struct DecisionOptions: Codable, Sendable, Equatable {
    /// How each FP beam step (M9) is solved.
    public enum BeamStep: String, Codable, Sendable, Equatable, CaseIterable {
        /// f = (A + μI)⁻¹c from one eigendecomposition of A per RSU and a secular-equation solve.
        case exact
        /// The paper's projected gradient ascent, step 1/λ_max(A).
        case pga
    }

    /// How the heuristic evaluates the flips of its search (O19).
    public enum FlipEvaluation: String, Codable, Sendable, Equatable, CaseIterable {
        /// Algorithm 3 as in M12 and O4: a full FP before the search, `innerFPIterations` FP
        /// iterations after every flip, a full FP on the best assignment visited.
        case exact
        /// O19's screened search: cheaper FP runs while assignments are only being compared, a
        /// full FP only on the one returned.
        case screened
        /// O25's surrogate search (cold decisions): Algorithm 3's flips ranked and compared on
        /// matched beams, then a steepest ascent of the matched-beam sum rate (no FP while
        /// searching), then one full FP on the assignment found. From a carried start or a
        /// warm-start decision the search is `.exact`'s.
        case surrogate
    }

    /// How a sensing beam's FP block update (M10) is solved.
    public enum SensingStep: String, Codable, Sendable, Equatable, CaseIterable {
        /// M10 as in O9: up to six SCA linearisations per beam and FP iteration (a KKT point).
        case sca
        /// O21: the block problem's global optimum through its two-multiplier Lagrangian dual
        /// (strong duality), SCA only where the dual Newton method fails.
        case dual
    }

    /// How FP iterates its beams (O24).
    public enum FPAcceleration: String, Codable, Sendable, Equatable, CaseIterable {
        /// M8: each iteration's beams are the block updates.
        case none
        /// O24: each iteration also tries the extrapolated beams F + β(F − F_prev), kept only when
        /// feasible and raising the sum rate.
        case extrapolated
    }

    /// FP stops when the sum rate grows by less than this, relative (M8).
    public var fpTolerance: Double
    /// FP iteration limit (one iteration = one update of γ, y and every beam).
    public var fpMaxIterations: Int
    public var beamStep: BeamStep
    /// PGA stops when ‖f_new − f‖ ≤ this (per beam step).
    public var pgaTolerance: Double
    /// PGA step limit per beam step.
    public var pgaMaxSteps: Int
    /// Iteration limit of the warm-started FP runs inside the heuristic (after each flip) and greedy
    /// (after each addition); the returned assignment gets a full FP at the end (decision O4).
    public var innerFPIterations: Int
    /// The same limit for a decision under a time budget (``DecisionBudget/cpuSeconds``, e.g. the
    /// closed loop's deadline): fewer iterations per flip or move leave time for more of them
    /// (decision O18). Work budgets keep `innerFPIterations`, so a work budget that is never
    /// reached still equals the unlimited decision. nil: `innerFPIterations` (also what a file
    /// written before O18 decodes to).
    public var timeBudgetInnerFPIterations: Int?
    /// The heuristic stops after `heuristicFlipCapFactor`·K flips (M12: 2K).
    public var heuristicFlipCapFactor: Int
    /// The exhaustive policy refuses problems with more vehicles than this (2^K assignments).
    public var exhaustiveVehicleLimit: Int
    /// Enforce the sensing constraint (37) by SCA on serving links (M10); also requires the
    /// scenario's `options.sensingConstraint`.
    public var sensingConstraint: Bool
    /// The heuristic's flip evaluation (O19); nil, as in files written before O19, is `.exact`.
    public var flipEvaluation: FlipEvaluation?
    /// The sensing beams' block update (O21); nil, as in files written before O21, is `.sca`.
    public var sensingStep: SensingStep?
    /// FP's extrapolation (O24); nil, as in files written before O24, is `.none`.
    public var fpAcceleration: FPAcceleration?
    /// FP's initial beams (O26, ``FPStart``); nil, as in files written before O26, is `.matched`.
    public var fpStart: FPStart?

    public init(
        fpTolerance: Double = 1e-4, fpMaxIterations: Int = 200, beamStep: BeamStep = .exact,
        pgaTolerance: Double = 1e-9, pgaMaxSteps: Int = 20_000, innerFPIterations: Int = 5,
        timeBudgetInnerFPIterations: Int? = 1, heuristicFlipCapFactor: Int = 2,
        exhaustiveVehicleLimit: Int = 12, sensingConstraint: Bool = true,
        flipEvaluation: FlipEvaluation? = nil, sensingStep: SensingStep? = nil, fpAcceleration: FPAcceleration? = nil,
        fpStart: FPStart? = nil
    ) {
        self.fpTolerance = fpTolerance
        self.fpMaxIterations = fpMaxIterations
        self.beamStep = beamStep
        self.pgaTolerance = pgaTolerance
        self.pgaMaxSteps = pgaMaxSteps
        self.innerFPIterations = innerFPIterations
        self.timeBudgetInnerFPIterations = timeBudgetInnerFPIterations
        self.heuristicFlipCapFactor = heuristicFlipCapFactor
        self.exhaustiveVehicleLimit = exhaustiveVehicleLimit
        self.sensingConstraint = sensingConstraint
        self.flipEvaluation = flipEvaluation
        self.sensingStep = sensingStep
        self.fpAcceleration = fpAcceleration
        self.fpStart = fpStart
    }

    /// The heuristic's flip evaluation in effect (nil is `.exact`).
    public var resolvedFlipEvaluation: FlipEvaluation { flipEvaluation ?? .exact }

    /// FP's extrapolation in effect (nil is `.none`).
    public var resolvedFPAcceleration: FPAcceleration { fpAcceleration ?? FPAcceleration.none }

    /// FP's initial beams in effect (nil is `.matched`).
    public var resolvedFPStart: FPStart { fpStart ?? .matched }

    /// The sensing step in effect (nil is `.sca`).
    public var resolvedSensingStep: SensingStep { sensingStep ?? .sca }

    /// The defaults.
    public static let standard = DecisionOptions()

    /// The inner FP limit of a decision with (`timeBudget`) or without a time budget (O4, O18).
    public func innerIterations(timeBudget: Bool) -> Int {
        timeBudget ? timeBudgetInnerFPIterations ?? innerFPIterations : innerFPIterations
    }
}
