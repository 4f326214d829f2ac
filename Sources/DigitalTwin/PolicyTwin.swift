import ISACMath
import ISACOptimization
import ISACPhysics
import ISACTracking

/// A slot's decision as the twin made it: the vehicles (ids, in problem order), the problem on
/// the predicted next-slot geometry, and the policy's decision.
public struct DecidedSlot: Sendable {
    public let vehicleIds: [Int]
    public let problem: DecisionProblem
    public let decision: Decision
}

/// One policy's digital twin: its own EKF tracks, its own decisions and the beams it has in use.
/// ``step(slot:vehicles:time:)`` runs one slot of the closed loop (MODEL.md, "Closed loop per
/// slot"): serve with last slot's beams → echoes → EKF updates → predict → decide.
///
/// Which beam illuminates a link: ``Illumination`` (TW3); a vehicle the twin has not seen yet is
/// illuminated by the RSU's entry beam, matched to the point where its lane enters the road. An
/// RSU that transmits no beam measures nothing (tracks coast).
public struct PolicyTwin: Sendable {
    public let policy: any DecisionPolicy
    public let parameters: ScenarioParameters
    public let options: TwinOptions
    public let decisionOptions: DecisionOptions
    public private(set) var tracks: TrackBank
    private let radar: RadarModel
    private let communication: CommunicationModel
    private let streams: MeasurementStreams
    /// Entry beams `[rsu][direction index]` (index 0: +x lane, 1: −x lane).
    private let entryBeams: [[ComplexVector]]
    /// Beams in use this slot: vehicle id → (serving RSU, beam).
    private var inUse: [Int: (rsu: Int, beam: ComplexVector)] = [:]
    /// Last slot's observation per link, for learned policies (M16).
    private var observations: [LinkKey: LinkObservation] = [:]
    /// The previous decision and the vehicle ids it was made for (the next decision's start, O12;
    /// a late decision still finished, so it is carried even when the fallback was applied).
    private var previous: (ids: [Int], decision: Decision, problem: DecisionProblem)?
    /// The last slot's decision problem and the policy's decision (nil when nobody was decided).
    public private(set) var lastDecided: DecidedSlot?

    public init(
        policy: any DecisionPolicy, parameters: ScenarioParameters, options: TwinOptions,
        decisionOptions: DecisionOptions, seed: UInt64
    ) {
        self.policy = policy
        self.parameters = parameters
        self.options = options
        self.decisionOptions = decisionOptions
        tracks = TrackBank(parameters: parameters)
        let radar = RadarModel(parameters: parameters)
        self.radar = radar
        communication = CommunicationModel(parameters: parameters)
        streams = MeasurementStreams(seed: seed)
        let highway = parameters.highway
        entryBeams = highway.rsus.map { rsu in
            [1, -1].map { direction in
                let entry = Vehicle(
                    id: -1, position: Point(x: highway.entryX(direction: direction), y: highway.laneY(direction: direction)),
                    velocity: Double(direction))
                return radar.transmitArray.steering(LinkGeometry(rsu: rsu, vehicle: entry).phi)
            }
        }
    }

    /// Runs slot `slot` with the true vehicles `vehicles` on the road; returns the slot's record
    /// (the reference gain is filled in by the simulation).
    public mutating func step(slot: Int, vehicles: [Vehicle], time: Double) throws -> SlotRecord {
        let rsus = parameters.highway.rsus
        let present = Set(vehicles.map(\.id))
        inUse = inUse.filter { present.contains($0.key) }

        // 1. Serve: rates on the true geometry with the beams decided last slot.
        let served = vehicles.filter { inUse[$0.id] != nil }
        var sumRate = 0.0
        if !served.isEmpty {
            let channels = communication.channels(rsus: rsus, vehicles: served)
            let rates = communication.rates(
                channels: channels, assignment: served.map { inUse[$0.id]!.rsu },
                beams: served.map { inUse[$0.id]!.beam })
            sumRate = rates.reduce(0, +)
        }

        // 2. Sense and track: echoes of every vehicle at every RSU, EKF update or start.
        for key in tracks.keys where !present.contains(key.vehicle) { tracks.drop(key) }
        observations = observations.filter { present.contains($0.key.vehicle) }
        // Beams per RSU in vehicle-id order (dictionary order is not deterministic).
        let servingLinks = inUse.keys.sorted().map { LinkKey(rsu: inUse[$0]!.rsu, vehicle: $0) }
        var beamsByRSU = [[ComplexVector]](repeating: [], count: rsus.count)
        for link in servingLinks { beamsByRSU[link.rsu].append(inUse[link.vehicle]!.beam) }
        for vehicle in vehicles {
            for i in rsus.indices {
                let key = LinkKey(rsu: i, vehicle: vehicle.id)
                let truth = LinkGeometry(rsu: rsus[i], vehicle: vehicle)
                var rng = streams.generator(slot: slot, vehicle: vehicle.id, rsu: i)
                if let track = tracks.track(key) {
                    let serving = inUse[vehicle.id].flatMap { $0.rsu == i ? $0.beam : nil }
                    guard let beam = Illumination.beam(
                        servingBeam: serving, rsuBeams: beamsByRSU[i], phi: track.prediction.mean.x,
                        array: radar.transmitArray)
                    else {
                        tracks.coast(key)
                        continue
                    }
                    let y = radar.measure(link: truth, beam: beam, using: &rng)
                    tracks.update(key, measurement: y, beam: beam)
                    observations[key] = LinkObservation(lastMeasurement: y, previousBeam: beam)
                } else {
                    let beam = entryBeams[i][vehicle.direction > 0 ? 0 : 1]
                    let y = radar.measure(link: truth, beam: beam, using: &rng)
                    tracks.start(key, measurement: y)
                    observations[key] = LinkObservation(lastMeasurement: y, previousBeam: beam)
                }
            }
        }

        // 3. Predict the next slot and decide on the prediction.
        let problem = nextSlotProblem(vehicles: vehicles)
        var record = SlotRecord(
            time: time, policy: policy.name, vehicles: vehicles.count, servedVehicles: served.count,
            sumRate: sumRate, gainVsDistanceMF: 0, meanRCRBDistance: meanRCRBDistance(servingLinks: servingLinks),
            predictedNextSumRate: 0, decisionTime: 0, deadlineMissed: false, flips: 0, fpIterations: 0,
            outcome: .converged, fallback: false)
        guard let (ids, problemData) = problem else {
            inUse = [:]
            previous = nil
            lastDecided = nil
            return record
        }
        let start = options.warmStart
            ? previous.map {
                DecisionStart.carried(
                    from: $0.decision, ids: $0.ids, to: ids, problem: problemData, previousProblem: $0.problem)
            }
            : nil
        let budget = options.budget(slotSeconds: parameters.slotSeconds)
        let clock = options.measureLatency ? ThreadCPUClock.now() : 0
        let decision = try policy.decide(problemData, from: start, budget: budget)
        let latency = options.measureLatency ? ThreadCPUClock.now() - clock : 0
        record.decisionTime = latency
        record.deadlineMissed = latency > parameters.slotSeconds
        record.predictedNextSumRate = decision.sumRate
        record.flips = decision.flips
        record.fpIterations = decision.fpIterations
        record.outcome = decision.outcome
        var applied = decision
        if options.enforceDeadline && record.deadlineMissed {
            // Too late: the fallback, matched beams at the predicted positions under the previous
            // assignment (newcomers nearest), never last slot's beams (O12).
            applied = (start ?? DecisionStart.nearest(problemData)).fallback(on: problemData)
            record.fallback = true
            record.predictedNextSumRate = applied.sumRate
        }
        inUse = [:]
        for (index, id) in ids.enumerated() {
            inUse[id] = (applied.assignment[index], applied.beams[index])
        }
        previous = (ids, decision, problemData)
        lastDecided = DecidedSlot(vehicleIds: ids, problem: problemData, decision: decision)
        return record
    }

    /// The decision problem for the next slot on the twin's predictions (or the truth with
    /// perfect tracking), for the vehicles expected to stay on the road; nil if there are none.
    private func nextSlotProblem(vehicles: [Vehicle]) -> ([Int], DecisionProblem)? {
        let rsus = parameters.highway.rsus
        let highway = parameters.highway
        var ids: [Int] = []
        var links = [[LinkGeometry]](repeating: [], count: rsus.count)
        var lambdas = [[Double]](repeating: [], count: rsus.count)
        var positions: [Double] = []
        var observed = [[LinkObservation?]](repeating: [], count: rsus.count)
        for vehicle in vehicles {
            let predictions = rsus.indices.map { tracks.prediction(for: LinkKey(rsu: $0, vehicle: vehicle.id)) }
            guard predictions.allSatisfy({ $0 != nil }) else { continue }
            var geometry: [LinkGeometry]
            let x: Double
            if options.perfectTracking {
                let next = vehicle.advanced(by: parameters.slotSeconds)
                geometry = rsus.map { LinkGeometry(rsu: $0, vehicle: next) }
                x = next.position.x
            } else {
                geometry = predictions.map { p in
                    let m = p!.prediction.mean
                    return LinkGeometry(phi: min(max(m.x, -1), 1), distance: max(m.y, 1e-3), speed: m.z)
                }
                // Position along the road from the nearest RSU's estimate: x = x_i + d̂φ̂.
                let nearest = geometry.indices.min { geometry[$0].distance < geometry[$1].distance }!
                x = rsus[nearest].x + geometry[nearest].distance * geometry[nearest].phi
            }
            guard highway.contains(x: x) else { continue }  // expected to have left
            ids.append(vehicle.id)
            positions.append(x)
            for i in rsus.indices {
                links[i].append(geometry[i])
                lambdas[i].append(max(predictions[i]!.sensing?.lambda ?? 0, 0))
                observed[i].append(observations[LinkKey(rsu: i, vehicle: vehicle.id)])
            }
        }
        guard !ids.isEmpty else { return nil }
        return (
            ids,
            DecisionProblem(
                parameters: parameters, links: links, positionsAlongRoad: positions,
                sensingRequirements: lambdas, observations: observed, options: decisionOptions)
        )
    }

    /// Mean of √m̃₂₂ over the serving links of this slot that have had at least one update (TW5:
    /// the sensing constraint guards exactly these links (M10); a non-serving link lit by a
    /// weak side beam, or a track in its first slot, which carries only its prior of 0.1 m,
    /// would otherwise dominate the mean); nil when there are none.
    private func meanRCRBDistance(servingLinks: [LinkKey]) -> Double? {
        var s = 0.0
        var n = 0
        for key in servingLinks {
            guard let track = tracks.track(key), track.updateCount > 0 else { continue }
            s += track.posterior.distanceStd
            n += 1
        }
        return n > 0 ? s / Double(n) : nil
    }
}
