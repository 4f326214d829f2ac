import Testing

/// `--flip-evaluation` (issue 10, O20, O25) on `sweep`: a value outside exact|screened|surrogate is refused with
/// the flag named and no CSV written; `exact` gives the default's CSV byte for byte; the screened
/// heuristic is never below matched beams on the nearest RSU (distance-mf).
@Suite struct FlipEvaluationCLITests {
    @Test func flagIsValidatedAndExactIsTheDefault() throws {
        try SolverModeFlagCheck.run(
            flag: "--flip-evaluation", invalid: "fast", defaultValue: "exact", alternative: "screened",
            scratch: "flip-evaluation")
    }

    /// O25's `surrogate` value: accepted, named in the refusal, never below distance-mf.
    @Test func surrogateIsAccepted() throws {
        try SolverModeFlagCheck.run(
            flag: "--flip-evaluation", invalid: "fast", defaultValue: "exact", alternative: "surrogate",
            scratch: "flip-evaluation-surrogate")
    }
}
