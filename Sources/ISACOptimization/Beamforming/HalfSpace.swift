import ISACMath
import ISACPhysics

/// The half-space {f : Re{hᴴf} ≥ t} of ℂᴺ (a half-space of ℝ²ᴺ with normal h).
///
/// M10's SCA replaces the reverse-convex sensing constraint ‖Πf‖² ≥ Λ by its linearisation at f₀,
/// ‖Πf‖² ≥ 2Re{(ΠᴴΠf₀)ᴴf} − ‖Πf₀‖² ≥ Λ, i.e. h = ΠᴴΠf₀ and t = (Λ + ‖Πf₀‖²)/2: an inner
/// approximation, so every point of the half-space meets the true constraint.
public struct HalfSpace: Sendable, Equatable {
    public var normal: ComplexVector
    public var offset: Double

    public init(normal: ComplexVector, offset: Double) {
        self.normal = normal
        self.offset = offset
    }

    /// The SCA half-space of ‖Πf‖² ≥ Λ linearised at f₀ (M10).
    public init(linearising sensing: SensingOperator, requirement lambda: Double, at f0: ComplexVector) {
        normal = sensing.gramApply(f0)
        offset = (lambda + sensing.sensitivity(f0)) / 2
    }

    /// Re{hᴴf}.
    @inlinable
    public func value(_ f: ComplexVector) -> Double { normal.innerProduct(f).re }

    /// True when Re{hᴴf} ≥ t − slack.
    public func contains(_ f: ComplexVector, slack: Double = 0) -> Bool { value(f) >= offset - slack }

    /// True when the half-space meets the unit ball: t < ‖h‖ (the largest Re{hᴴf} over ‖f‖ ≤ 1).
    public var meetsUnitBall: Bool { offset < normal.norm }
}
