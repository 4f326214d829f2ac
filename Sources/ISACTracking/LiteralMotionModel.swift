/// Eq. (19) exactly as printed, in the paper's state [φ, d, v̇] with the radial (closing) velocity
/// v̇ = −vφ. Kept only to show that M5 is the same geometry (T1): it divides 0 by 0 at φ = 0.
public enum LiteralMotionModel {
    /// (φ, d, v̇) one slot of `slotSeconds` later, eq. (19).
    public static func transition(
        phi: Double, distance d: Double, radialVelocity vDot: Double, slotSeconds t: Double
    ) -> (phi: Double, distance: Double, radialVelocity: Double) {
        let q = vDot * t / phi  // v̇T/φ
        let root = (d * d + q * q - 2 * d * vDot * t).squareRoot()
        let numerator = d * vDot * t - q * q
        let phiNext = numerator / (q * root)
        let vDotNext = numerator / (vDot * t * root) * vDot
        return (phiNext, root, vDotNext)
    }
}
