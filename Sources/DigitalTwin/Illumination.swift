import ISACMath
import ISACPhysics

/// Which beam illuminates a link for sensing (TW3). The serving link uses its own beam; a
/// non-serving RSU's echo of a vehicle is matched-filtered against the stream of that RSU's beam
/// with the largest gain towards the vehicle's (predicted) direction (the ISAC signal reaches every
/// vehicle, Section II-A); an RSU that transmits no beam measures nothing.
public enum Illumination {
    /// - Parameters:
    ///   - servingBeam: the vehicle's own beam when RSU i serves it, else nil.
    ///   - rsuBeams: every beam RSU i transmits this slot.
    ///   - phi: the direction the twin expects the vehicle at, as seen from RSU i.
    public static func beam(
        servingBeam: ComplexVector?, rsuBeams: [ComplexVector], phi: Double, array: UniformLinearArray
    ) -> ComplexVector? {
        if let servingBeam { return servingBeam }
        guard !rsuBeams.isEmpty else { return nil }
        let a = array.steering(phi)
        var best = 0
        var bestGain = -1.0
        for (m, f) in rsuBeams.enumerated() {
            let g = a.innerProductMagnitudeSquared(f)
            if g > bestGain {
                bestGain = g
                best = m
            }
        }
        return rsuBeams[best]
    }
}
