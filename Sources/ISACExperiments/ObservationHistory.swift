import DigitalTwin
import ISACMath
import ISACOptimization
import ISACPhysics

/// One slot of sensing history for a static drop (TW7), for policies that read observations (the
/// learned `lstm` policy, M16). A drop has no past, so we give it the one the twin would have had:
/// the vehicles one slot earlier (x − vT), served by the heuristic's decision there (the policy
/// the learned networks imitate, so the features follow the training distribution), and their
/// echoes at every RSU with the beam that illuminated them (``Illumination``).
public enum ObservationHistory {
    /// The drop's problem with `observations` filled in. Deterministic in `rng`.
    public static func observed(
        _ problem: DecisionProblem, vehicles: [Vehicle], using rng: inout some RandomNumberGenerator
    ) throws -> DecisionProblem {
        let p = problem.parameters
        let earlier = vehicles.map { $0.advanced(by: -p.slotSeconds) }
        let previousProblem = DecisionProblem(
            parameters: p, vehicles: earlier, sensingRequirements: problem.sensingRequirements,
            options: problem.options)
        let previous = try HeuristicPolicy().decide(previousProblem)
        let radar = RadarModel(parameters: p)
        var observations = [[LinkObservation?]](
            repeating: [LinkObservation?](repeating: nil, count: vehicles.count), count: problem.rsuCount)
        for i in 0..<problem.rsuCount {
            let rsuBeams = vehicles.indices.filter { previous.assignment[$0] == i }.map { previous.beams[$0] }
            for (k, vehicle) in earlier.enumerated() {
                let link = LinkGeometry(rsu: p.highway.rsus[i], vehicle: vehicle)
                guard let beam = Illumination.beam(
                    servingBeam: previous.assignment[k] == i ? previous.beams[k] : nil, rsuBeams: rsuBeams,
                    phi: link.phi, array: radar.transmitArray)
                else { continue }
                observations[i][k] = LinkObservation(
                    lastMeasurement: radar.measure(link: link, beam: beam, using: &rng), previousBeam: beam)
            }
        }
        return DecisionProblem(
            parameters: p, links: problem.links, positionsAlongRoad: problem.positionsAlongRoad,
            sensingRequirements: problem.sensingRequirements, observations: observations, options: problem.options)
    }
}
