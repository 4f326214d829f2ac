import ISACMath

extension DecisionProblem {
    /// The rates of ``referenceRates(assignment:beams:)`` (eq. (8)–(9): log₂(1 + SINR_k)) computed as
    /// FP evaluates them: one complex GEMM of the channels and the beams per RSU instead of K² inner
    /// products (TW14). Equal to the reference up to round-off (tested to 1e−9 relative).
    /// - Precondition: every vehicle assigned (0..<rsuCount) with a beam of N_t elements.
    public func evaluatedRates(assignment: [Int], beams: [ComplexVector]) -> [Double] {
        precondition(assignment.count == vehicleCount && beams.count == vehicleCount, "one RSU and beam per vehicle")
        var state = FPState(problem: self, assignment: assignment)
        for v in 0..<vehicleCount { state.setBeam(v, beams[v]) }
        state.evaluate()
        return state.rates
    }
}
