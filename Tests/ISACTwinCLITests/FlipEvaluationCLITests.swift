import Testing

/// `--flip-evaluation` (issue 10, O20) on `sweep`: a value outside exact|screened is refused with
/// the flag named and no CSV written; `exact` gives the default's CSV byte for byte; the screened
/// heuristic is never below matched beams on the nearest RSU (distance-mf).
@Suite struct FlipEvaluationCLITests {
    @Test func flagIsValidatedAndExactIsTheDefault() throws {
        try SolverModeFlagCheck.run(
            flag: "--flip-evaluation", invalid: "fast", defaultValue: "exact", alternative: "screened",
            scratch: "flip-evaluation")
    }
}
