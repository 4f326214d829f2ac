import ISACMath
import ISACPhysics

/// One EKF track per (RSU, vehicle) link (T8). Tracks start from a vehicle's first measurement,
/// are updated with (measurement, beam used) or coast (predict only) when the RSU has no
/// measurement of the vehicle this slot, and are dropped when the vehicle leaves. Any number of
/// links, zero included.
///
/// Slot protocol, per slot n and link: exactly one of ``start(_:rsu:measurement:)``,
/// ``update(_:measurement:beam:)`` or ``coast(_:)``; afterwards ``prediction(for:)`` /
/// ``predictions()`` give (x̂_{n+1}, M̂_{n+1}) and Λ for deciding slot n+1. Which beam illuminated a
/// link (serving or not) is the caller's: pass whatever beam the RSU transmitted towards it.
///
/// Storage is a flat array plus a key index: an update costs one hash lookup and no allocation.
public struct TrackBank: Sendable {
    public let filter: ExtendedKalmanFilter<RoadMotionModel>
    public let initializer: TrackInitializer
    /// RSU positions, m (index = ``LinkKey/rsu``).
    public let rsus: [Point]
    /// Λ cap fraction (M10), `options.sensingCapFraction`.
    public let capFraction: Double
    private var storage: [Track] = []
    private var index: [LinkKey: Int] = [:]

    /// A bank for the scenario; the gain rule follows `config.tracking.adaptiveGain`.
    public init(parameters: ScenarioParameters) {
        filter = ExtendedKalmanFilter(
            motion: RoadMotionModel(parameters: parameters),
            measurementModel: RadarMeasurementModel(parameters: parameters),
            gainRule: parameters.config.tracking.adaptiveGain ? .adaptivePaper : .standard)
        initializer = TrackInitializer(parameters: parameters)
        rsus = parameters.highway.rsus
        capFraction = parameters.config.options.sensingCapFraction
    }

    /// Number of tracks.
    public var count: Int { storage.count }
    /// All keys, sorted (vehicle, then RSU).
    public var keys: [LinkKey] { storage.map(\.key).sorted() }
    /// The track of a link, if any.
    public func track(_ key: LinkKey) -> Track? { index[key].map { storage[$0] } }
    public func contains(_ key: LinkKey) -> Bool { index[key] != nil }

    /// Starts (or restarts) the track of `key` from its first measurement (T7).
    @discardableResult
    public mutating func start(_ key: LinkKey, measurement y: RadarMeasurement) -> Track {
        precondition(rsus.indices.contains(key.rsu), "RSU index \(key.rsu) out of range 0..<\(rsus.count)")
        let posterior = initializer.initialEstimate(rsu: rsus[key.rsu], measurement: y)
        let track = Track(
            key: key, posterior: posterior, prediction: filter.predict(posterior), updateCount: 0,
            coastCount: 0, lastStatus: .updated, lastIterations: 0)
        store(track)
        return track
    }

    /// Starts (or restarts) the track of `key` from an estimate of this slot's state handed over by
    /// another RSU's track (``LinkTransfer``, C6), updated with this slot's measurement taken with
    /// beam f, then predicts the next slot. The hand-over counts as the track's first update.
    @discardableResult
    public mutating func start(
        _ key: LinkKey, handedOver prior: GaussianEstimate, measurement y: RadarMeasurement, beam f: ComplexVector
    ) -> Track {
        precondition(rsus.indices.contains(key.rsu), "RSU index \(key.rsu) out of range 0..<\(rsus.count)")
        let result = filter.update(prior, measurement: y, beam: f)
        let track = Track(
            key: key, posterior: result.posterior, prediction: filter.predict(result.posterior), updateCount: 1,
            coastCount: 0, lastStatus: result.status, lastIterations: result.iterations)
        store(track)
        return track
    }

    /// Inserts or replaces the track of its key.
    private mutating func store(_ track: Track) {
        if let i = index[track.key] {
            storage[i] = track
        } else {
            index[track.key] = storage.count
            storage.append(track)
        }
    }

    /// Updates the track of `key` with this slot's measurement taken with beam f, then predicts
    /// the next slot. Returns nil when there is no such track.
    @discardableResult
    public mutating func update(_ key: LinkKey, measurement y: RadarMeasurement, beam f: ComplexVector) -> UpdateStatus? {
        guard let i = index[key] else { return nil }
        let result = filter.update(storage[i].prediction, measurement: y, beam: f)
        storage[i].posterior = result.posterior
        storage[i].prediction = filter.predict(result.posterior)
        storage[i].updateCount += 1
        storage[i].lastStatus = result.status
        storage[i].lastIterations = result.iterations
        return result.status
    }

    /// No measurement of `key` this slot: the posterior is the prediction; predicts the next slot.
    /// Returns false when there is no such track.
    @discardableResult
    public mutating func coast(_ key: LinkKey) -> Bool {
        guard let i = index[key] else { return false }
        storage[i].posterior = storage[i].prediction
        storage[i].prediction = filter.predict(storage[i].posterior)
        storage[i].coastCount += 1
        return true
    }

    /// Removes the track of `key` (the vehicle left). Returns false when there was none.
    @discardableResult
    public mutating func drop(_ key: LinkKey) -> Bool {
        guard let i = index.removeValue(forKey: key) else { return false }
        let last = storage.count - 1
        if i != last {
            storage[i] = storage[last]
            index[storage[i].key] = i
        }
        storage.removeLast()
        return true
    }

    /// Removes every track of a vehicle (all RSUs).
    public mutating func dropVehicle(_ vehicle: Int) {
        for key in storage.map(\.key) where key.vehicle == vehicle { drop(key) }
    }

    /// The next-slot picture of one link: (x̂, M̂), the EKF RCRB and Λ / Λ_eff.
    public func prediction(for key: LinkKey) -> LinkPrediction? {
        guard let t = track(key) else { return nil }
        return LinkPrediction(
            key: key, prediction: t.prediction, rcrbPhi: t.posterior.phiStd,
            rcrbDistanceMeters: t.posterior.distanceStd,
            sensing: SensingRequirement(
                prediction: t.prediction, previousPhiVariance: t.posterior.covariance.m00,
                model: filter.measurementModel, capFraction: capFraction))
    }

    /// Λ of a link's next slot alone (``SensingRequirement/lambda(prediction:previousPhiVariance:model:)``,
    /// the value ``prediction(for:)`` reports as `sensing?.lambda`): what the twin's decision
    /// problem needs, without the Π(φ̂) vectors of λ_max (C11).
    public func sensingLambda(of track: Track) -> Double? {
        SensingRequirement.lambda(
            prediction: track.prediction, previousPhiVariance: track.posterior.covariance.m00,
            model: filter.measurementModel)
    }

    /// ``prediction(for:)`` of every link, sorted by key.
    public func predictions() -> [LinkPrediction] { keys.compactMap { prediction(for: $0) } }
}
