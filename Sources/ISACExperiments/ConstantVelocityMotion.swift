import Foundation
import ISACPhysics

/// The one-slot motion of a link state x = [φ, d, v] under M5, and its Jacobian: with s = vT,
/// d' = √(d² + s² + 2dφs), φ' = (dφ + s)/d', v' = v.
///
/// Kept here, self-contained, only for the sweeps' sensing requirement (``OneSlotSensingRequirement``);
/// the tracker's motion model replaces it in the closed loop.
public struct ConstantVelocityMotion: Sendable {
    public let slotSeconds: Double

    public init(slotSeconds: Double) { self.slotSeconds = slotSeconds }

    /// x' for x = [φ, d, v].
    public func predict(_ x: [Double]) -> [Double] {
        let (phi, d, v) = (x[0], x[1], x[2])
        let s = v * slotSeconds
        let dNext = (d * d + s * s + 2 * d * phi * s).squareRoot()
        return [(d * phi + s) / dNext, dNext, v]
    }

    /// ∂x'/∂x, row-major 3×3: ∂d'/∂φ = ds/d', ∂d'/∂d = (d + φs)/d', ∂d'/∂v = T(s + dφ)/d';
    /// ∂φ'/∂· = (∂(dφ + s)/∂· − φ'·∂d'/∂·)/d'.
    public func jacobian(_ x: [Double]) -> [Double] {
        let (phi, d, v) = (x[0], x[1], x[2])
        let t = slotSeconds
        let s = v * t
        let dn = (d * d + s * s + 2 * d * phi * s).squareRoot()
        let phin = (d * phi + s) / dn
        let ddPhi = d * s / dn, ddD = (d + phi * s) / dn, ddV = t * (s + d * phi) / dn
        let dpPhi = (d - phin * ddPhi) / dn
        let dpD = (phi - phin * ddD) / dn
        let dpV = (t - phin * ddV) / dn
        return [dpPhi, dpD, dpV, ddPhi, ddD, ddV, 0, 0, 1]
    }
}
