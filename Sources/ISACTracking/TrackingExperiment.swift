import ISACMath
import ISACPhysics

/// One row of a tracking run (the data of Fig. 11): a link at one slot.
public struct TrackingRecord: Sendable, Equatable {
    public var timeSeconds: Double
    public var antennas: Int
    public var rsu: Int
    public var vehicle: Int
    /// Slots since the track started (0 at its first measurement).
    public var trackAge: Int
    /// √M̃₂₂ and √M̃₁₁ of the PCRB from the truth (T5).
    public var rcrbDistanceMeters: Double
    public var rcrbPhi: Double
    /// EKF posterior minus truth.
    public var errorDistanceMeters: Double
    public var errorPhi: Double
    /// (x − x̃)ᵀM̃⁻¹(x − x̃) with the EKF's own M̃ (NaN if M̃ is not positive definite).
    public var nees: Double
}

/// Runs the twin's tracking on a traffic realisation (T9): every vehicle on the road is tracked by
/// every RSU with a beam matched to the track's predicted direction, a(φ̂); a vehicle's first
/// illumination is matched to the lane's entry point (the one place the twin knows a new vehicle
/// is). Tracks start at the first measurement and are dropped when the vehicle leaves. Truth moves
/// deterministically (no process noise); the posterior is measurement-dominated, so the filter's
/// NEES stays near 3 anyway.
public enum TrackingExperiment {
    /// A single vehicle entering at the road's start in the +x lane at the mean speed, driving
    /// through broadside of both RSUs to the road's end.
    public static func singlePass(parameters p: ScenarioParameters, using rng: inout some RandomNumberGenerator) -> [TrackingRecord] {
        var records: [TrackingRecord] = []
        singlePass(parameters: p, using: &rng) { records.append($0) }
        return records
    }

    /// The single pass, streamed: every record goes to `emit` as it is made (memory does not grow
    /// with the road's length, D13); `shouldContinue` is polled every slot. Returns false if stopped.
    @discardableResult
    public static func singlePass(
        parameters p: ScenarioParameters, using rng: inout some RandomNumberGenerator,
        shouldContinue: () -> Bool = { true }, emit: (TrackingRecord) -> Void
    ) -> Bool {
        var vehicle = Vehicle(
            id: 0, position: Point(x: p.highway.startX, y: p.highway.laneY(direction: 1)),
            velocity: p.config.traffic.meanSpeed)
        var first = true
        return run(parameters: p, using: &rng, shouldContinue: shouldContinue, emit: emit) { _ in
            if !first { vehicle = vehicle.advanced(by: p.slotSeconds) }
            first = false
            return p.highway.contains(x: vehicle.position.x) ? [vehicle] : nil
        }
    }

    /// Poisson traffic (M2) for `durationSeconds`, from an empty road.
    public static func traffic(
        parameters p: ScenarioParameters, durationSeconds: Double, using rng: inout some RandomNumberGenerator
    ) -> [TrackingRecord] {
        var records: [TrackingRecord] = []
        traffic(parameters: p, durationSeconds: durationSeconds, using: &rng) { records.append($0) }
        return records
    }

    /// Poisson traffic, streamed like ``singlePass(parameters:using:shouldContinue:emit:)``.
    @discardableResult
    public static func traffic(
        parameters p: ScenarioParameters, durationSeconds: Double, using rng: inout some RandomNumberGenerator,
        shouldContinue: () -> Bool = { true }, emit: (TrackingRecord) -> Void
    ) -> Bool {
        var world = TrafficSimulator(parameters: p, using: &rng)
        let slots = Int((durationSeconds / p.slotSeconds).rounded())
        var slot = 0
        return run(parameters: p, using: &rng, shouldContinue: shouldContinue, emit: emit) { rng in
            guard slot < slots else { return nil }
            slot += 1
            world.step(using: &rng)
            return world.vehicles
        }
    }

    /// The loop: `nextSlot` returns the vehicles on the road at the next slot (nil ends the run).
    static func run<R: RandomNumberGenerator>(
        parameters p: ScenarioParameters, using rng: inout R, shouldContinue: () -> Bool,
        emit: (TrackingRecord) -> Void, nextSlot: (inout R) -> [Vehicle]?
    ) -> Bool {
        var bank = TrackBank(parameters: p)
        let model = bank.filter.measurementModel
        let ula = model.radar.transmitArray
        var bounds: [LinkKey: PosteriorCRB<RoadMotionModel>] = [:]
        var slot = 0
        while let vehicles = nextSlot(&rng) {
            guard shouldContinue() else { return false }
            let time = Double(slot) * p.slotSeconds
            let present = Set(vehicles.map(\.id))
            for key in bank.keys where !present.contains(key.vehicle) {
                bank.drop(key)
                bounds[key] = nil
            }
            for v in vehicles {
                for (i, rsu) in p.highway.rsus.enumerated() {
                    let key = LinkKey(rsu: i, vehicle: v.id)
                    let truth = LinkGeometry(rsu: rsu, vehicle: v)
                    let x = Vector3(truth)
                    if let track = bank.track(key) {
                        let beam = ula.steering(track.prediction.mean.x)
                        let y = model.radar.measure(link: truth, beam: beam, using: &rng)
                        bank.update(key, measurement: y, beam: beam)
                        bounds[key]!.step(to: x, beam: beam)
                    } else {
                        let entry = Point(x: p.highway.entryX(direction: v.direction), y: p.highway.laneY(direction: v.direction))
                        let entryPhi = (entry.x - rsu.x) / ((entry.x - rsu.x) * (entry.x - rsu.x) + (entry.y - rsu.y) * (entry.y - rsu.y)).squareRoot()
                        let y = model.radar.measure(link: truth, beam: ula.steering(entryPhi), using: &rng)
                        bank.start(key, measurement: y)
                        bounds[key] = PosteriorCRB(
                            motion: bank.filter.motion, measurementModel: model, initialTruth: x,
                            prior: bank.initializer.prior)
                    }
                    let t = bank.track(key)!
                    let bound = bounds[key]!
                    emit(
                        TrackingRecord(
                            timeSeconds: time, antennas: p.transmitAntennas, rsu: i, vehicle: v.id,
                            trackAge: t.updateCount + t.coastCount, rcrbDistanceMeters: bound.rcrbDistanceMeters,
                            rcrbPhi: bound.rcrbPhi, errorDistanceMeters: t.posterior.mean.y - x.y,
                            errorPhi: t.posterior.mean.x - x.x, nees: t.posterior.nees(truth: x) ?? .nan))
                }
            }
            slot += 1
        }
        return true
    }
}

/// The summary of a tracking run printed by `isactwin track` (Fig. 11). Built record by record in
/// constant memory (D13); a statistic over no records is nil (printed "n/a"), never NaN (D14).
public struct TrackingSummary: Sendable {
    public var antennas: Int
    /// Links (RSU, vehicle) tracked: each contributes exactly one record of track age 0.
    public var links: Int
    /// Records in the steady state (track age ≥ ``steadyStateAge``) behind the steady statistics.
    public var steadyRecords: Int
    /// Mean RCRB_d over the links' first slot (the prior: 0.1 m by default).
    public var initialRCRBDistanceMeters: Double?
    /// Means over slots with track age ≥ ``steadyStateAge``.
    public var steadyRCRBDistanceMeters: Double?
    public var steadyRCRBPhi: Double?
    public var rmsErrorDistanceMeters: Double?
    public var rmsErrorPhi: Double?
    /// Mean NEES over the steady records whose NEES is defined (`neesRecords` of them).
    public var meanNEES: Double?
    public var neesRecords: Int
    /// Slots after a track's start that count as steady state.
    public static let steadyStateAge = 5

    private var initialSum = 0.0
    private var rcrbDistanceSum = 0.0, rcrbPhiSum = 0.0, squaredErrorDistanceSum = 0.0, squaredErrorPhiSum = 0.0
    private var neesSum = 0.0

    /// An empty summary for array size `antennas`; ``add(_:)`` records of that size.
    public init(antennas: Int) {
        self.antennas = antennas
        links = 0
        steadyRecords = 0
        neesRecords = 0
    }

    public init(records: [TrackingRecord], antennas: Int) {
        self.init(antennas: antennas)
        for r in records { add(r) }
    }

    /// Adds one record (records of other array sizes are ignored).
    public mutating func add(_ r: TrackingRecord) {
        guard r.antennas == antennas else { return }
        if r.trackAge == 0 {
            links += 1
            initialSum += r.rcrbDistanceMeters
            initialRCRBDistanceMeters = initialSum / Double(links)
        }
        guard r.trackAge >= Self.steadyStateAge else { return }
        steadyRecords += 1
        let n = Double(steadyRecords)
        rcrbDistanceSum += r.rcrbDistanceMeters
        rcrbPhiSum += r.rcrbPhi
        squaredErrorDistanceSum += r.errorDistanceMeters * r.errorDistanceMeters
        squaredErrorPhiSum += r.errorPhi * r.errorPhi
        steadyRCRBDistanceMeters = rcrbDistanceSum / n
        steadyRCRBPhi = rcrbPhiSum / n
        rmsErrorDistanceMeters = (squaredErrorDistanceSum / n).squareRoot()
        rmsErrorPhi = (squaredErrorPhiSum / n).squareRoot()
        if r.nees.isFinite {
            neesRecords += 1
            neesSum += r.nees
            meanNEES = neesSum / Double(neesRecords)
        }
    }
}
