import ISACMath

/// Poisson traffic in both directions (M2): arrivals per direction form a Poisson process of rate
/// λ, each vehicle enters at its direction's road start with a speed drawn from N(v̄, σ_v²)
/// (redrawn below the minimum speed), drives at constant speed and leaves at the road's end.
///
/// The simulator is a value: ``step(using:)`` advances the world by one slot T and is driven by the
/// caller's generator, so a run is reproducible from its seed.
public struct TrafficSimulator: Sendable {
    public let highway: Highway
    public let traffic: ScenarioConfig.Traffic
    public let slotSeconds: Double
    /// Vehicles on the road now, in arrival order.
    public private(set) var vehicles: [Vehicle] = []
    /// Simulated time, s.
    public private(set) var time: Double = 0
    /// Ids of the vehicles that left during the last step.
    public private(set) var departedLastStep: [Int] = []
    /// Ids of the vehicles that entered during the last step.
    public private(set) var arrivedLastStep: [Int] = []
    private var nextId = 0
    /// Absolute time of the next arrival per direction (+x, −x).
    private var nextArrival: [Double]

    /// An empty road at t = 0. The first arrival times are drawn from `rng`.
    public init(
        highway: Highway, traffic: ScenarioConfig.Traffic, slotSeconds: Double,
        using rng: inout some RandomNumberGenerator
    ) {
        self.highway = highway
        self.traffic = traffic
        self.slotSeconds = slotSeconds
        let rate = traffic.arrivalRatePerDirection
        nextArrival = rate > 0
            ? [rng.nextExponential(rate: rate), rng.nextExponential(rate: rate)]
            : [.infinity, .infinity]
    }

    public init(parameters: ScenarioParameters, using rng: inout some RandomNumberGenerator) {
        self.init(
            highway: parameters.highway, traffic: parameters.config.traffic,
            slotSeconds: parameters.slotSeconds, using: &rng)
    }

    /// Mean number of vehicles in steady state by Little's law: 2λ·L/v̄ (M2).
    public var littleLawMeanVehicles: Double {
        2 * traffic.arrivalRatePerDirection * highway.length / traffic.meanSpeed
    }

    /// Advances by one slot: moves every vehicle, removes those past the road's end, and adds the
    /// slot's arrivals at the positions they reached by the end of the slot.
    public mutating func step(using rng: inout some RandomNumberGenerator) {
        let t1 = time + slotSeconds
        var kept: [Vehicle] = []
        kept.reserveCapacity(vehicles.count + 4)
        departedLastStep.removeAll(keepingCapacity: true)
        arrivedLastStep.removeAll(keepingCapacity: true)
        for v in vehicles {
            let moved = v.advanced(by: slotSeconds)
            if highway.contains(x: moved.position.x) {
                kept.append(moved)
            } else {
                departedLastStep.append(v.id)
            }
        }
        for (index, direction) in [1, -1].enumerated() {
            while nextArrival[index] <= t1 {
                let speed = sampleSpeed(using: &rng)
                let velocity = Double(direction) * speed
                let x = highway.entryX(direction: direction) + velocity * (t1 - nextArrival[index])
                if highway.contains(x: x) {
                    let v = Vehicle(
                        id: nextId, position: Point(x: x, y: highway.laneY(direction: direction)),
                        velocity: velocity)
                    kept.append(v)
                    arrivedLastStep.append(v.id)
                }
                nextId += 1
                nextArrival[index] += rng.nextExponential(rate: traffic.arrivalRatePerDirection)
            }
        }
        vehicles = kept
        time = t1
    }

    /// Puts the road in its steady state at t = 0 (C8): per direction, the Poisson arrivals of the
    /// past (rate λ, looking back until even a vehicle at the minimum speed would have left) at the
    /// positions they have reached, each with its own speed; exactly the state an empty road
    /// reaches after a long run (M/G/∞). Ids follow arrival order. Call once, before ``step(using:)``.
    public mutating func fill(using rng: inout some RandomNumberGenerator) {
        precondition(vehicles.isEmpty && time == 0, "fill an empty road at t = 0")
        let rate = traffic.arrivalRatePerDirection
        guard rate > 0 else { return }
        var arrivals: [(age: Double, vehicle: Vehicle)] = []
        for direction in [1, -1] {
            var age = rng.nextExponential(rate: rate)
            while age * traffic.minimumSpeed <= highway.length {
                let velocity = Double(direction) * sampleSpeed(using: &rng)
                let x = highway.entryX(direction: direction) + velocity * age
                if highway.contains(x: x) {
                    arrivals.append((age, Vehicle(id: 0, position: Point(x: x, y: highway.laneY(direction: direction)), velocity: velocity)))
                }
                age += rng.nextExponential(rate: rate)
            }
        }
        arrivals.sort { $0.age > $1.age }
        vehicles = arrivals.map { a in
            defer { nextId += 1 }
            return Vehicle(id: nextId, position: a.vehicle.position, velocity: a.vehicle.velocity)
        }
    }

    /// A speed from N(v̄, σ²), redrawn while below the configured minimum.
    private func sampleSpeed(using rng: inout some RandomNumberGenerator) -> Double {
        while true {
            let s = rng.nextGaussian(mean: traffic.meanSpeed, standardDeviation: traffic.speedStandardDeviation)
            if s >= traffic.minimumSpeed { return s }
        }
    }
}
