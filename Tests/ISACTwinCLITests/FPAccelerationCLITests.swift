import Testing

/// `--fp-acceleration` (issue 10, O24) on `sweep`: a value outside none|extrapolated is refused with
/// the flag named and no CSV written; `none` gives the default's CSV byte for byte; extrapolated,
/// the heuristic is never below matched beams on the nearest RSU (distance-mf).
@Suite struct FPAccelerationCLITests {
    @Test func flagIsValidatedAndNoneIsTheDefault() throws {
        try SolverModeFlagCheck.run(
            flag: "--fp-acceleration", invalid: "anderson", defaultValue: "none", alternative: "extrapolated",
            scratch: "fp-acceleration")
    }
}
