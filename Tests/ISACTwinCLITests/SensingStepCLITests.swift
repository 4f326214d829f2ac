import Testing

/// `--sensing-step` (issue 10, O21) on `sweep`: a value outside sca|dual is refused with the flag
/// named and no CSV written; `sca` gives the default's CSV byte for byte; with `dual` the
/// heuristic is never below matched beams on the nearest RSU (distance-mf).
@Suite struct SensingStepCLITests {
    @Test func flagIsValidatedAndSCAIsTheDefault() throws {
        try SolverModeFlagCheck.run(
            flag: "--sensing-step", invalid: "sdp", defaultValue: "sca", alternative: "dual", scratch: "sensing-step")
    }
}
