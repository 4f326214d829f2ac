/// How the closed loop runs (the closed-loop paragraph of MODEL.md; decisions TW1…).
public struct TwinOptions: Sendable, Equatable, Codable {
    /// Replace the twin's predicted geometry by the true next-slot geometry (the EKF still runs,
    /// for Λ and the RCRB). With it the loop's rates equal the static decision engine's.
    public var perfectTracking: Bool
    /// A decision later than the slot keeps the previous slot's beams in use for that slot (a real
    /// twin cannot apply a decision it has not finished).
    public var enforceDeadline: Bool
    /// Measure each decision's latency (thread CPU time). Off: latencies are reported as 0, which
    /// makes every output column deterministic.
    public var measureLatency: Bool
    /// Seed each decision with the previous slot's when the vehicles are the same (faster FP).
    public var warmStart: Bool

    public init(
        perfectTracking: Bool = false, enforceDeadline: Bool = false, measureLatency: Bool = true,
        warmStart: Bool = true
    ) {
        self.perfectTracking = perfectTracking
        self.enforceDeadline = enforceDeadline
        self.measureLatency = measureLatency
        self.warmStart = warmStart
    }
}
