import ISACPhysics

extension DecisionOptions {
    /// Throws a ``ConfigError`` naming the first field out of range (D9): the one rule that the
    /// solver flags of every command are checked against. Iteration limits bound every solver loop.
    public func validate() throws {
        func integer(_ field: String, _ v: Int, _ range: ClosedRange<Int>) throws {
            guard range.contains(v) else {
                throw ConfigError(field: field, value: "\(v)", validRange: "an integer in [\(range.lowerBound), \(range.upperBound)]")
            }
        }
        func open(_ field: String, _ v: Double, _ lo: Double, _ hi: Double) throws {
            guard v.isFinite, v > lo, v < hi else {
                throw ConfigError(field: field, value: "\(v)", validRange: "(\(lo), \(hi))")
            }
        }
        try open("fpTolerance", fpTolerance, 0, 1)
        try integer("fpMaxIterations", fpMaxIterations, 1...100_000)
        try open("pgaTolerance", pgaTolerance, 0, 1)
        try integer("pgaMaxSteps", pgaMaxSteps, 1...1_000_000)
        try integer("innerFPIterations", innerFPIterations, 1...100_000)
        if let b = timeBudgetInnerFPIterations { try integer("timeBudgetInnerFPIterations", b, 1...100_000) }
        try integer("heuristicFlipCapFactor", heuristicFlipCapFactor, 1...100)
        // 2^20 assignments is the most an exhaustive search can enumerate in reasonable time.
        try integer("exhaustiveVehicleLimit", exhaustiveVehicleLimit, 1...20)
    }
}
