import ISACMath
import ISACPhysics

/// What the twin observed on one (RSU, vehicle) link in the previous slot: the inputs a learned
/// policy reads (M16). The optimisation policies ignore it.
public struct LinkObservation: Sendable, Equatable {
    /// The last radar measurement (r̃, ν̃, μ̃), if the RSU illuminated the vehicle.
    public var lastMeasurement: RadarMeasurement?
    /// The beam f_{n−1} the RSU used towards the vehicle, if any.
    public var previousBeam: ComplexVector?

    public init(lastMeasurement: RadarMeasurement? = nil, previousBeam: ComplexVector? = nil) {
        self.lastMeasurement = lastMeasurement
        self.previousBeam = previousBeam
    }
}
