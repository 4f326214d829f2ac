import ISACPhysics

/// Straight motion along the road at constant signed speed, in the link coordinates of one RSU
/// (M5, replacing eq. (19)).
///
/// With s = v·T the distance travelled in one slot along the array axis,
///
///     d' = √(d² + s² + 2dφs),   φ' = (dφ + s)/d',   v' = v.
///
/// This is eq. (19) rewritten in the signed speed v = −v̇/φ: the same geometry, but smooth at
/// broadside (φ = 0) where (19) divides 0 by 0 (T1). Valid for d > 0, |φ| ≤ 1 (then d' > 0
/// unless the vehicle drives through the array itself, excluded by D5).
public struct RoadMotionModel: MotionModel {
    /// Slot duration T, s.
    public let slotSeconds: Double
    /// E = diag(σ_φ², σ_d², σ_v²), per slot (M6).
    public let processNoise: Matrix3

    public init(slotSeconds: Double, processNoiseStd: ScenarioConfig.StateStd) {
        self.slotSeconds = slotSeconds
        processNoise = .diagonal(
            processNoiseStd.phi * processNoiseStd.phi,
            processNoiseStd.distanceMeters * processNoiseStd.distanceMeters,
            processNoiseStd.speedMetersPerSecond * processNoiseStd.speedMetersPerSecond)
    }

    public init(parameters: ScenarioParameters) {
        self.init(slotSeconds: parameters.slotSeconds, processNoiseStd: parameters.config.tracking.processNoise)
    }

    public func transition(_ x: Vector3) -> Vector3 {
        let phi = x.x, d = x.y, v = x.z
        let s = v * slotSeconds
        let dNext = (d * d + s * s + 2 * d * phi * s).squareRoot()
        return Vector3((d * phi + s) / dNext, dNext, v)
    }

    /// G = ∂g/∂x (eq. (20) for the M5 state), with φ' and d' as above:
    ///
    ///     ∂d'/∂φ = ds/d',   ∂d'/∂d = (d + φs)/d',   ∂d'/∂v = Tφ',
    ///     ∂φ'/∂φ = (d/d')(1 − φ's/d'),   ∂φ'/∂d = φ/d' − φ'(d + φs)/d'²,   ∂φ'/∂v = T(1 − φ'²)/d',
    ///     ∂v'/∂x = [0, 0, 1].
    public func jacobian(_ x: Vector3) -> Matrix3 {
        let phi = x.x, d = x.y, v = x.z
        let t = slotSeconds
        let s = v * t
        let dNext = (d * d + s * s + 2 * d * phi * s).squareRoot()
        let inv = 1 / dNext
        let phiNext = (d * phi + s) * inv
        let dd = (d + phi * s) * inv
        return Matrix3(
            d * inv * (1 - phiNext * s * inv), (phi - phiNext * dd) * inv, t * (1 - phiNext * phiNext) * inv,
            d * s * inv, dd, t * phiNext,
            0, 0, 1)
    }
}
