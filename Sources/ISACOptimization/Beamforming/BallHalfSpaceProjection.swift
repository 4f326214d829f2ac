import ISACMath

/// Euclidean projection onto the unit ball ∩ half-space {‖f‖ ≤ 1, Re{hᴴf} ≥ t} (M10), exact.
///
/// In ℝ²ᴺ: if x lies in both sets it is its own projection; else if the ball projection x/‖x‖
/// lies in the half-space, or the half-space projection x + (t − Re{hᴴx})h/‖h‖² lies in the ball,
/// that is the answer (projection onto a convex set that lands in the other set is the projection
/// onto the intersection). Otherwise both constraints are active and the answer lies on the
/// (2N−2)-sphere where the hyperplane cuts the unit sphere: with ĥ = h/‖h‖, τ = t/‖h‖ and x_⊥ the
/// part of x orthogonal to ĥ, p = τĥ + √(1 − τ²)·x_⊥/‖x_⊥‖ (KKT: p − x = −λp + νĥ, λ, ν ≥ 0).
public enum BallHalfSpaceProjection {
    /// The projection of x, or nil when the set is empty (t ≥ ‖h‖).
    public static func project(_ x: ComplexVector, onto halfSpace: HalfSpace) -> ComplexVector? {
        let h = halfSpace.normal
        let hNorm = h.norm
        guard hNorm > 0 else { return halfSpace.offset <= 0 ? x.projectedOntoBall() : nil }
        let tau = halfSpace.offset / hNorm
        guard tau < 1 else { return nil }
        let xh = h.innerProduct(x).re / hNorm  // component of x along ĥ
        let xNorm2 = x.normSquared
        if xNorm2 <= 1 && xh >= tau { return x }
        // Ball projection.
        if xNorm2 > 1 {
            let s = 1 / xNorm2.squareRoot()
            if xh * s >= tau { return x.scaled(by: s) }
        }
        // Half-space projection (only when x violates the half-space).
        if xh < tau {
            var p = x
            p.add(h, scaledBy: (tau - xh) / hNorm)
            if p.normSquared <= 1 { return p }
        }
        // Both active.
        var perpendicular = x
        perpendicular.add(h, scaledBy: -xh / hNorm)
        var pn = perpendicular.norm
        if pn <= 1e-300 {
            // x is parallel to h: every point of the circle is equally close; take one.
            perpendicular = anyOrthogonal(to: h)
            pn = perpendicular.norm
        }
        var p = h.scaled(by: tau / hNorm)
        p.add(perpendicular, scaledBy: max(0, 1 - tau * tau).squareRoot() / pn)
        return p
    }

    /// A nonzero vector v with Re{hᴴv} = 0 (i·h works in ℝ²ᴺ: Re{hᴴ(ih)} = 0).
    static func anyOrthogonal(to h: ComplexVector) -> ComplexVector { h.scaled(by: (0.0, 1.0)) }
}
