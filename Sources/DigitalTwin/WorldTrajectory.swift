import ISACMath
import ISACPhysics

/// The physical world of one run, slot by slot: the true vehicles on the road at every slot
/// (Poisson traffic, M2). It is computed once and shared by every policy's twin, so all policies
/// see the same traffic realisation (common random numbers).
public struct WorldTrajectory: Sendable {
    /// Vehicles on the road at slot n, `[slot][vehicle]`; slot n is at time (n + 1)·T.
    public let snapshots: [[Vehicle]]
    public let slotSeconds: Double

    /// Simulates `slots` slots of traffic from an empty road (or, `startFilled`, from the road's
    /// steady state, C8) with the generator `rng`.
    public init(
        parameters: ScenarioParameters, slots: Int, startFilled: Bool = false, using rng: inout some RandomNumberGenerator
    ) {
        var traffic = TrafficSimulator(parameters: parameters, using: &rng)
        if startFilled { traffic.fill(using: &rng) }
        var snapshots: [[Vehicle]] = []
        snapshots.reserveCapacity(slots)
        for _ in 0..<slots {
            traffic.step(using: &rng)
            snapshots.append(traffic.vehicles)
        }
        self.snapshots = snapshots
        slotSeconds = parameters.slotSeconds
    }

    /// A given sequence of snapshots (tests, replays).
    public init(snapshots: [[Vehicle]], slotSeconds: Double) {
        self.snapshots = snapshots
        self.slotSeconds = slotSeconds
    }

    public var slotCount: Int { snapshots.count }

    /// Time of slot n, s.
    public func time(ofSlot n: Int) -> Double { Double(n + 1) * slotSeconds }
}
