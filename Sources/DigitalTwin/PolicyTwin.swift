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
/// illuminated by the RSU's entry beam, matched to the point where its lane enters the RSU's cell
/// (C4; the road's end on a one-cell road). An RSU that transmits no beam measures nothing (tracks
/// coast).
///
/// Locality (C3): a vehicle is tracked, predicted and decided only at the RSUs of its cell
/// (``Highway/cells``); each cell's vehicles form one decision problem. When the prediction puts a
/// vehicle into the next cell along its direction, its links move there (C5): the new cell's RSUs
/// acquire it (their entry beam looks at the cell edge it is crossing) and the old cell's tracks
/// are dropped. On a one-cell road (the paper's scene) this is exactly the dense twin.
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
    /// Cell of every RSU and its index within the cell.
    private let rsuCell: [Int]
    private let rsuLocal: [Int]
    /// Beams in use this slot: vehicle id → (serving RSU, beam).
    private var inUse: [Int: (rsu: Int, beam: ComplexVector)] = [:]
    /// The cell whose RSUs track and decide each vehicle (C3).
    private var cellOf: [Int: Int] = [:]
    /// Last slot's observation per link, for learned policies (M16).
    private var observations: [LinkKey: LinkObservation] = [:]
    /// The previous decision per cell and the vehicle ids it was made for (the next decision's
    /// start, O12; a late decision still finished, so it is carried even when the fallback was
    /// applied).
    private var previous: [Int: (ids: [Int], decision: Decision, problem: DecisionProblem)] = [:]
    /// The last slot's decision problem and the policy's decision on a one-cell road (nil when
    /// nobody was decided, or on a road of several cells: see ``lastDecidedCells``).
    public private(set) var lastDecided: DecidedSlot?
    /// Per cell, the vehicles and predicted directions of its last solved decision (C13).
    private var anchors: [Int: CellAnchor] = [:]
    /// The last slot's decisions per cell (cell index → decision).
    public private(set) var lastDecidedCells: [Int: DecidedSlot] = [:]
    /// The serving RSU of each vehicle served in the last slot (hand-over count, C7).
    private var lastServing: [Int: Int] = [:]
    /// Links acquired at a cell change in the last slot (their RCRB one slot later, C6).
    private var acquiredLastSlot: [LinkKey] = []
    /// Vehicles whose links moved to the next cell since the twin started (C5).
    public private(set) var cellChanges = 0

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
        var rsuCell = [Int](repeating: 0, count: highway.rsus.count)
        var rsuLocal = rsuCell
        for (c, cell) in highway.cells.enumerated() {
            for (local, i) in cell.rsus.enumerated() {
                rsuCell[i] = c
                rsuLocal[i] = local
            }
        }
        self.rsuCell = rsuCell
        self.rsuLocal = rsuLocal
        entryBeams = highway.rsus.indices.map { i in
            [1, -1].map { direction in
                let entry = Vehicle(
                    id: -1,
                    position: Point(x: highway.cells[rsuCell[i]].entryX(direction: direction), y: highway.laneY(direction: direction)),
                    velocity: Double(direction))
                return radar.transmitArray.steering(LinkGeometry(rsu: highway.rsus[i], vehicle: entry).phi)
            }
        }
    }

    /// The serving RSU of every vehicle with a beam in use this slot (vehicle id → RSU index).
    public var servingRSUs: [Int: Int] { inUse.mapValues(\.rsu) }

    /// Runs slot `slot` with the true vehicles `vehicles` on the road; returns the slot's record
    /// (the reference gain is filled in by the simulation).
    public mutating func step(slot: Int, vehicles: [Vehicle], time: Double) throws -> SlotRecord {
        let slotClock = options.measureLatency ? ThreadCPUClock.now() : 0
        let highway = parameters.highway
        let rsus = highway.rsus
        let present = Set(vehicles.map(\.id))
        inUse = inUse.filter { present.contains($0.key) }
        cellOf = cellOf.filter { present.contains($0.key) }

        // 1. Serve: rates on the true geometry with the beams decided last slot, per cell of the
        //    serving RSU (under M3 a vehicle hears only its serving RSU's beams, C3).
        let served = vehicles.filter { inUse[$0.id] != nil }
        var sumRate = 0.0
        if !served.isEmpty {
            var groups = [[Vehicle]](repeating: [], count: highway.cells.count)
            for v in served { groups[rsuCell[inUse[v.id]!.rsu]].append(v) }
            for (c, group) in groups.enumerated() where !group.isEmpty {
                let channels = communication.channels(rsus: highway.cells[c].rsus.map { rsus[$0] }, vehicles: group)
                let rates = communication.rates(
                    channels: channels, assignment: group.map { rsuLocal[inUse[$0.id]!.rsu] },
                    beams: group.map { inUse[$0.id]!.beam })
                sumRate += rates.reduce(0, +)
            }
        }

        var serving: [ServingLink] = []
        var handovers = 0
        var nowServing: [Int: Int] = [:]
        for v in served {
            let rsu = inUse[v.id]!.rsu
            if options.recordServing == true { serving.append(ServingLink(vehicle: v.id, rsu: rsu, x: v.position.x)) }
            nowServing[v.id] = rsu
            if let before = lastServing[v.id], before != rsu { handovers += 1 }
        }
        lastServing = nowServing

        // 2. Sense and track: echoes of every vehicle at its cell's RSUs, EKF update or start.
        for key in tracks.keys where !present.contains(key.vehicle) { tracks.drop(key) }
        observations = observations.filter { present.contains($0.key.vehicle) }
        // Beams per RSU in vehicle-id order (dictionary order is not deterministic).
        let servingLinks = inUse.keys.sorted().map { LinkKey(rsu: inUse[$0]!.rsu, vehicle: $0) }
        var beamsByRSU = [[ComplexVector]](repeating: [], count: rsus.count)
        for link in servingLinks { beamsByRSU[link.rsu].append(inUse[link.vehicle]!.beam) }
        for vehicle in vehicles {
            let known = cellOf[vehicle.id]
            let cell = known ?? newcomerCell(vehicle)
            cellOf[vehicle.id] = cell
            // A newcomer away from its cell's entry edge (a road that starts filled, C8) is found
            // once by a beam matched to where it is: the twin's start-up acquisition.
            let startUp = known == nil && highway.cells.count > 1
                && abs(vehicle.position.x - highway.cells[cell].entryX(direction: vehicle.direction))
                    > abs(vehicle.velocity) * parameters.slotSeconds + 1e-9
            for i in highway.cells[cell].rsus {
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
                    acquire(key, truth: truth, direction: vehicle.direction, startUp: startUp, using: &rng)
                }
            }
        }
        let nextSlotRCRB = meanDistanceStd(acquiredLastSlot)
        acquiredLastSlot = highway.cells.count > 1 ? moveAcrossCells(slot: slot, vehicles: vehicles) : []

        // 3. Predict the next slot and decide on the prediction, cell by cell.
        var record = SlotRecord(
            time: time, policy: policy.name, vehicles: vehicles.count, servedVehicles: served.count,
            sumRate: sumRate, gainVsDistanceMF: 0, meanRCRBDistance: meanRCRBDistance(servingLinks: servingLinks),
            predictedNextSumRate: 0, decisionTime: 0, deadlineMissed: false, flips: 0, fpIterations: 0,
            outcome: .converged, fallback: false)
        record.handovers = handovers
        record.handOverRCRBDistance = meanDistanceStd(acquiredLastSlot)
        record.handOverRCRBDistanceNextSlot = nextSlotRCRB
        record.serving = serving
        var members = [[Vehicle]](repeating: [], count: highway.cells.count)
        for vehicle in vehicles { members[cellOf[vehicle.id]!].append(vehicle) }
        let problems = members.indices.compactMap { c in nextSlotProblem(cell: c, vehicles: members[c]).map { (c, $0) } }
        inUse = [:]
        lastDecided = nil
        lastDecidedCells = [:]
        guard !problems.isEmpty else {
            previous = [:]
            anchors = [:]
            if options.measureLatency { record.slotTime = ThreadCPUClock.now() - slotClock }
            return record
        }
        // Decide every cell (C12-C13): carried starts, per-cell budgets, cells on the twin's workers.
        let quietBeamwidths = options.quietThreshold
        let tasks = problems.map { (c, problem) in
            let before = options.warmStart ? previous[c] : nil
            let quiet = quietBeamwidths > 0 && before != nil
                && isQuiet(cell: c, ids: problem.0, problem: problem.1, beamwidths: quietBeamwidths)
            return CellTask(cell: c, ids: problem.0, problem: problem.1, previous: before, quiet: quiet)
        }
        let roundClock = options.measureLatency ? ThreadCPUClock.now() : 0
        let round = try CellDecisionRound(policy: policy, options: options, slotSeconds: parameters.slotSeconds)
            .solve(tasks)
        let callerRound = options.measureLatency ? ThreadCPUClock.now() - roundClock : 0
        var carried: [Int: (ids: [Int], decision: Decision, problem: DecisionProblem)] = [:]
        var nextAnchors: [Int: CellAnchor] = [:]
        for (task, outcome) in zip(tasks, round.outcomes) {
            let c = task.cell
            let decision = outcome.decision
            record.flips += decision.flips
            record.fpIterations += decision.fpIterations
            record.outcome = record.outcome.worst(decision.outcome)
            record.fallback = record.fallback || outcome.fallback
            record.predictedNextSumRate += outcome.applied.sumRate
            let cellRSUs = highway.cells[c].rsus
            for (index, id) in task.ids.enumerated() {
                inUse[id] = (cellRSUs[outcome.applied.assignment[index]], outcome.applied.beams[index])
            }
            carried[c] = (task.ids, decision, task.problem)
            nextAnchors[c] = task.quiet ? anchors[c] : CellAnchor(ids: task.ids, problem: task.problem)
            lastDecidedCells[c] = DecidedSlot(vehicleIds: task.ids, problem: task.problem, decision: decision)
        }
        record.decisionTime = round.decisionCPU
        record.decisionCriticalPath = round.criticalPath
        record.decisionWallTime = round.wall
        record.decidedCells = tasks.count
        record.quietCells = tasks.reduce(0) { $0 + ($1.quiet ? 1 : 0) }
        record.deadlineMissed = round.criticalPath > parameters.slotSeconds
        previous = carried
        anchors = nextAnchors
        if highway.cells.count == 1 { lastDecided = lastDecidedCells[0] }
        // The slot's CPU: this thread's outside the round plus every worker's inside it (C12).
        if options.measureLatency { record.slotTime = ThreadCPUClock.now() - slotClock - callerRound + round.workerCPU }
        return record
    }

    /// Whether cell `c` may take its carried start (C13): the same vehicles as when it was last
    /// solved, and no link's predicted direction cosine moved by more than `beamwidths`·2/N_t since.
    private func isQuiet(cell c: Int, ids: [Int], problem: DecisionProblem, beamwidths: Double) -> Bool {
        guard let anchor = anchors[c], anchor.ids == ids else { return false }
        let limit = beamwidths * 2 / Double(parameters.transmitAntennas)
        for (i, row) in problem.links.enumerated() {
            for (v, link) in row.enumerated() where abs(link.phi - anchor.phi[i][v]) > limit { return false }
        }
        return true
    }

    /// Starts the track of a link the twin has not seen: the RSU's entry beam, looking at the
    /// edge of its cell where the vehicle's lane enters, measures it (T7, C4).
    private mutating func acquire(
        _ key: LinkKey, truth: LinkGeometry, direction: Int, startUp: Bool = false, using rng: inout Xoshiro256StarStar
    ) {
        let beam = startUp ? radar.transmitArray.steering(truth.phi) : entryBeams[key.rsu][direction > 0 ? 0 : 1]
        let y = radar.measure(link: truth, beam: beam, using: &rng)
        tracks.start(key, measurement: y)
        observations[key] = LinkObservation(lastMeasurement: y, previousBeam: beam)
    }

    /// The cell of a vehicle the twin has not seen: its lane's entry cell on a one-cell road; on a
    /// corridor the cell it is in (the entry cell for a vehicle entering the road, C8).
    private func newcomerCell(_ vehicle: Vehicle) -> Int {
        let highway = parameters.highway
        guard highway.cells.count > 1 else { return highway.entryCell(direction: vehicle.direction) }
        return highway.cellIndex(x: vehicle.position.x)
    }

    /// Moves every vehicle whose predicted next position lies in the next cell along its direction
    /// to that cell (C5): its links there are acquired this slot, its old cell's tracks dropped.
    /// Returns the links acquired.
    private mutating func moveAcrossCells(slot: Int, vehicles: [Vehicle]) -> [LinkKey] {
        let highway = parameters.highway
        var acquired: [LinkKey] = []
        for vehicle in vehicles {
            let cell = cellOf[vehicle.id]!
            let next = cell + (vehicle.direction > 0 ? 1 : -1)
            guard highway.cells.indices.contains(next), let x = predictedX(vehicle: vehicle.id, cell: cell),
                highway.cellIndex(x: x) == next
            else { continue }
            let source = handOverSource(vehicle: vehicle.id, cell: cell)
            for i in highway.cells[next].rsus {
                var rng = streams.generator(slot: slot, vehicle: vehicle.id, rsu: i)
                let key = LinkKey(rsu: i, vehicle: vehicle.id)
                acquired.append(key)
                let truth = LinkGeometry(rsu: highway.rsus[i], vehicle: vehicle)
                if let source, (options.handOver ?? .prediction) == .prediction {
                    let transfer = LinkTransfer(from: highway.rsus[source.rsu], to: highway.rsus[i], roadCenterY: highway.centerY)
                    let beam = entryBeams[i][vehicle.direction > 0 ? 0 : 1]
                    let y = radar.measure(link: truth, beam: beam, using: &rng)
                    tracks.start(key, handedOver: transfer.map(source.posterior), measurement: y, beam: beam)
                    observations[key] = LinkObservation(lastMeasurement: y, previousBeam: beam)
                } else {
                    acquire(key, truth: truth, direction: vehicle.direction, using: &rng)
                }
            }
            for i in highway.cells[cell].rsus {
                let key = LinkKey(rsu: i, vehicle: vehicle.id)
                tracks.drop(key)
                observations[key] = nil
            }
            cellOf[vehicle.id] = next
            cellChanges += 1
        }
        return acquired
    }

    /// Mean posterior √m̃₂₂ over the links of `keys` that still have tracks; nil if none.
    private func meanDistanceStd(_ keys: [LinkKey]) -> Double? {
        var s = 0.0
        var n = 0
        for key in keys {
            guard let t = tracks.track(key) else { continue }
            s += t.posterior.distanceStd
            n += 1
        }
        return n > 0 ? s / Double(n) : nil
    }

    /// The posterior (this slot's estimate) of the vehicle at the nearest RSU of `cell` that
    /// measured it at least once: what the twin hands over (C6); nil when there is none.
    private func handOverSource(vehicle id: Int, cell: Int) -> (rsu: Int, posterior: GaussianEstimate)? {
        var best: (rsu: Int, posterior: GaussianEstimate)? = nil
        for i in parameters.highway.cells[cell].rsus {
            guard let t = tracks.track(LinkKey(rsu: i, vehicle: id)), t.updateCount > 0 else { continue }
            if best == nil || t.posterior.mean.y < best!.posterior.mean.y { best = (i, t.posterior) }
        }
        return best
    }

    /// x = x_i + d̂φ̂ of the vehicle's next-slot prediction at the nearest RSU of `cell` (nil when
    /// it has no prediction there).
    private func predictedX(vehicle id: Int, cell: Int) -> Double? {
        let highway = parameters.highway
        var best: (distance: Double, x: Double)? = nil
        for i in highway.cells[cell].rsus {
            guard let t = tracks.track(LinkKey(rsu: i, vehicle: id)) else { return nil }
            let m = t.prediction.mean
            let phi = min(max(m.x, -1), 1), d = max(m.y, 1e-3)
            if best == nil || d < best!.distance { best = (d, highway.rsus[i].x + d * phi) }
        }
        return best?.x
    }

    /// The decision problem of one cell for the next slot on the twin's predictions (or the truth
    /// with perfect tracking), for its vehicles expected to stay on the road; nil if there are none.
    /// Positions along the road are relative to the cell's centre on a road of several cells (a
    /// learned policy sees every cell as the paper's, M16).
    private func nextSlotProblem(cell: Int, vehicles: [Vehicle]) -> ([Int], DecisionProblem)? {
        let highway = parameters.highway
        let cellRSUs = highway.cells[cell].rsus
        let rsus = cellRSUs.map { highway.rsus[$0] }
        let origin = highway.cells.count > 1 ? highway.cells[cell].centerX : 0
        var ids: [Int] = []
        var links = [[LinkGeometry]](repeating: [], count: rsus.count)
        var lambdas = [[Double]](repeating: [], count: rsus.count)
        var positions: [Double] = []
        var observed = [[LinkObservation?]](repeating: [], count: rsus.count)
        for vehicle in vehicles {
            // The tracks' predictions and Λ only (not ``TrackBank/prediction(for:)``, whose λ_max
            // of Π(φ̂) the problem recomputes for the links it constrains, C11).
            let predictions = cellRSUs.map { tracks.track(LinkKey(rsu: $0, vehicle: vehicle.id)) }
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
            positions.append(x - origin)
            for (local, i) in cellRSUs.enumerated() {
                links[local].append(geometry[local])
                lambdas[local].append(max(tracks.sensingLambda(of: predictions[local]!) ?? 0, 0))
                observed[local].append(observations[LinkKey(rsu: i, vehicle: vehicle.id)])
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

/// The vehicles of a cell's last solved decision and their predicted direction cosines,
/// `[rsu][vehicle]`: what a quiet cell is compared with (C13).
struct CellAnchor: Sendable {
    let ids: [Int]
    let phi: [[Double]]

    init(ids: [Int], problem: DecisionProblem) {
        self.ids = ids
        phi = problem.links.map { $0.map(\.phi) }
    }
}
