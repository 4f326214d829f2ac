import Testing

/// `--fp-start` (issue 10, O26) on `sweep`: a value outside matched|rzf is refused with the flag
/// named and no CSV written; `matched` gives the default's CSV byte for byte; with rzf the heuristic
/// is never below matched beams on the nearest RSU (distance-mf).
@Suite struct FPStartCLITests {
    @Test func flagIsValidatedAndMatchedIsTheDefault() throws {
        try SolverModeFlagCheck.run(
            flag: "--fp-start", invalid: "zf", defaultValue: "matched", alternative: "rzf", scratch: "fp-start")
    }
}
