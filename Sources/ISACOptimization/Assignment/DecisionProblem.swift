import ISACMath
import ISACPhysics

/// The data of one slot's decision (Sections IV-V): the predicted geometry of every (RSU, vehicle)
/// link, the sensing requirement per link, the radio parameters and the solver options. Policies
/// (``DecisionPolicy``) solve it; it holds no algorithm.
///
/// Shapes: `links`, `sensingRequirements`, `observations` are `[rsu][vehicle]`; `positionsAlongRoad`
/// is `[vehicle]`. Channels g_ik = √(P κ'² α̃/d²)·a(φ_ik) (`CommunicationModel.channel`) are
/// computed once here.
public struct DecisionProblem: Sendable {
    public let parameters: ScenarioParameters
    /// Predicted link geometry (φ, d, v), `[rsu][vehicle]`.
    public let links: [[LinkGeometry]]
    /// Predicted position of each vehicle along the road, x (m), `[vehicle]` (a learned policy sorts
    /// by it, M16).
    public let positionsAlongRoad: [Double]
    /// Λ of the sensing constraint (37) per link as supplied, `[rsu][vehicle]` (0: none).
    public let sensingRequirements: [[Double]]
    /// Λ_eff = min(Λ, cap·λ_max(ΠᴴΠ)) (M10), `[rsu][vehicle]`; all 0 when sensing is off.
    public let effectiveSensingRequirements: [[Double]]
    /// Last observation per link for learned policies, `[rsu][vehicle]` (nil: none).
    public let observations: [[LinkObservation?]]?
    public let options: DecisionOptions

    /// g_ik, `[rsu][vehicle]`.
    public let channels: [[ComplexVector]]
    /// g_ik as one N×K column-major interleaved matrix per RSU.
    let channelMatrices: [[Double]]
    /// Π(φ_ik) for links with Λ_eff > 0 (nil elsewhere), `[rsu][vehicle]`.
    let sensingOperators: [[SensingOperator?]]

    /// - Parameters:
    ///   - sensingRequirements: Λ per link, `[rsu][vehicle]`; nil for none. Capped here (M10).
    public init(
        parameters: ScenarioParameters, links: [[LinkGeometry]], positionsAlongRoad: [Double],
        sensingRequirements: [[Double]]? = nil, observations: [[LinkObservation?]]? = nil,
        options: DecisionOptions = .standard
    ) {
        let rsuCount = links.count
        let k = positionsAlongRoad.count
        precondition(rsuCount >= 1, "at least one RSU")
        precondition(links.allSatisfy { $0.count == k }, "links must be [rsu][vehicle]")
        self.parameters = parameters
        self.links = links
        self.positionsAlongRoad = positionsAlongRoad
        self.observations = observations
        self.options = options
        let lambda = sensingRequirements ?? Array(repeating: Array(repeating: 0, count: k), count: rsuCount)
        precondition(lambda.count == rsuCount && lambda.allSatisfy { $0.count == k }, "Λ must be [rsu][vehicle]")
        self.sensingRequirements = lambda
        let model = CommunicationModel(parameters: parameters)
        let n = parameters.transmitAntennas
        let sensingOn = options.sensingConstraint && parameters.config.options.sensingConstraint
        let cap = parameters.config.options.sensingCapFraction
        let transmit = UniformLinearArray(elementCount: n)
        let receive = UniformLinearArray(elementCount: parameters.receiveAntennas)
        var operators = Array(repeating: [SensingOperator?](repeating: nil, count: k), count: rsuCount)
        var effective = Array(repeating: [Double](repeating: 0, count: k), count: rsuCount)
        var channels = [[ComplexVector]]()
        channels.reserveCapacity(rsuCount)
        for i in 0..<rsuCount {
            var row = [ComplexVector]()
            row.reserveCapacity(k)
            for v in 0..<k {
                let link = links[i][v]
                guard sensingOn && lambda[i][v] > 0 else {
                    row.append(model.channel(link))
                    continue
                }
                // A constrained link's a(φ) serves its channel and Π(φ) alike: one cos/sin pair
                // per element for a(φ), a'(φ) (and b, b' when N_r = N_t), C11. The channel is
                // ``CommunicationModel/channel(_:)`` bit for bit.
                let t = transmit.steeringWithDerivative(link.phi)
                row.append(t.steering.scaled(by: model.linkGain(distance: link.distance).squareRoot()))
                let pi = SensingOperator(phi: link.phi, transmitSteering: t, receive: receive)
                operators[i][v] = pi
                effective[i][v] = min(lambda[i][v], cap * pi.maxEigenvalue)
            }
            channels.append(row)
        }
        self.channels = channels
        channelMatrices = channels.map { row in
            var m = [Double]()
            m.reserveCapacity(2 * n * k)
            for g in row { m.append(contentsOf: g.storage) }
            return m
        }
        sensingOperators = operators
        effectiveSensingRequirements = effective
    }

    /// K.
    public var vehicleCount: Int { positionsAlongRoad.count }
    /// Number of RSUs.
    public var rsuCount: Int { links.count }
    /// N_t.
    public var antennaCount: Int { parameters.transmitAntennas }
    /// σ_c², W.
    public var noisePower: Double { parameters.communicationNoiseWatts }
    /// Whether other RSUs' beams interfere (M3 option).
    public var interRSUInterference: Bool { parameters.config.options.interRSUInterference }

    /// The nearest RSU of each vehicle (smallest d; ties to the lower index) (M14).
    public var nearestAssignment: [Int] {
        (0..<vehicleCount).map { v in
            var best = 0
            for i in 1..<rsuCount where links[i][v].distance < links[best][v].distance { best = i }
            return best
        }
    }

    /// The matched beam a(φ_ik) = g_ik/‖g_ik‖ (M14).
    public func matchedBeam(rsu i: Int, vehicle v: Int) -> ComplexVector {
        let g = channels[i][v]
        return g.scaled(by: 1 / g.norm)
    }

    /// The sensing operator Π(φ_ik) of a link with an active sensing requirement, else nil.
    public func sensingOperator(rsu i: Int, vehicle v: Int) -> SensingOperator? { sensingOperators[i][v] }

    /// Reference rates log₂(1 + SINR) of an assignment and beams (`CommunicationModel.rates`).
    public func referenceRates(assignment: [Int], beams: [ComplexVector]) -> [Double] {
        CommunicationModel(parameters: parameters).rates(channels: channels, assignment: assignment, beams: beams)
    }
}

extension DecisionProblem {
    /// A problem on exact geometry: the links from every RSU to every vehicle (M15's static
    /// sweeps use exact positions as the prediction).
    public init(
        parameters: ScenarioParameters, vehicles: [Vehicle], sensingRequirements: [[Double]]? = nil,
        options: DecisionOptions = .standard
    ) {
        let links = parameters.highway.rsus.map { r in vehicles.map { LinkGeometry(rsu: r, vehicle: $0) } }
        self.init(
            parameters: parameters, links: links, positionsAlongRoad: vehicles.map(\.position.x),
            sensingRequirements: sensingRequirements, options: options)
    }

    /// The same problem with other options (Λ and geometry kept).
    public func with(options: DecisionOptions) -> DecisionProblem {
        DecisionProblem(
            parameters: parameters, links: links, positionsAlongRoad: positionsAlongRoad,
            sensingRequirements: sensingRequirements, observations: observations, options: options)
    }
}
