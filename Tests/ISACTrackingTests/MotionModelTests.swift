import Foundation
import ISACPhysics
import Testing
@testable import ISACTracking

/// The M5 motion model (T1).
@Suite struct MotionModelTests {
    static let model = RoadMotionModel(parameters: Fixture.parameters())

    /// States spanning the road: broadside exactly (φ = 0), |φ| near 1, both directions, near and far.
    static let states: [Vector3] = {
        var s: [Vector3] = []
        for phi in [-0.999, -0.9, -0.5, -0.1, -1e-9, 0, 1e-9, 0.1, 0.5, 0.9, 0.999] {
            for d in [27.5, 35, 42] {
                for v in [-32.0, -28, 28, 32] { s.append(Vector3(phi, d, v)) }
            }
        }
        return s
    }()

    /// G against central finite differences at every state, with step h_i = 1e−6·scale_i; the
    /// truncation error is O(h²·g''') and the round-off O(ε/h), so 1e−7 relative to the largest
    /// entry of each column is a safe and tight bound.
    @Test(arguments: states)
    func jacobianMatchesFiniteDifferences(x: Vector3) {
        let g = Self.model.jacobian(x)
        let steps = Vector3(1e-6, 1e-5, 1e-5)
        for j in 0..<3 {
            var plus = x, minus = x
            plus[j] += steps[j]
            minus[j] -= steps[j]
            let fp = Self.model.transition(plus), fm = Self.model.transition(minus)
            for i in 0..<3 {
                let numeric = (fp[i] - fm[i]) / (2 * steps[j])
                let scale = max(abs(g[0, j]), abs(g[1, j]), abs(g[2, j]), 1e-3)
                #expect(abs(numeric - g[i, j]) <= 1e-7 * scale, "G[\(i),\(j)] at \(x): \(g[i, j]) vs \(numeric)")
            }
        }
    }

    /// Away from broadside the M5 transition is eq. (19) in other variables: same φ' and d', and the
    /// radial velocity of (19) equals −v'φ'.
    @Test(arguments: states.filter { abs($0.x) >= 0.05 })
    func equalsLiteralEquation19AwayFromBroadside(x: Vector3) {
        let next = Self.model.transition(x)
        let literal = LiteralMotionModel.transition(
            phi: x.x, distance: x.y, radialVelocity: -x.z * x.x, slotSeconds: Self.model.slotSeconds)
        #expect(abs(literal.phi - next.x) <= 1e-10)
        #expect(abs(literal.distance - next.y) <= 1e-10 * next.y)
        #expect(abs(literal.radialVelocity - (-next.z * next.x)) <= 1e-10 * abs(next.z))
    }

    /// At broadside (19) divides 0 by 0, M5 gives the geometric answer: after one slot the vehicle
    /// is s = vT along the road from the foot of the perpendicular, so d' = √(d² + s²), φ' = s/d'.
    @Test func broadsideIsSmoothWhereEquation19IsNot() {
        let x = Vector3(0, 27.5, 30)
        let literal = LiteralMotionModel.transition(phi: 0, distance: 27.5, radialVelocity: 0, slotSeconds: 0.02)
        #expect(literal.phi.isNaN)
        let next = Self.model.transition(x)
        let s = 30 * 0.02
        #expect(abs(next.y - (27.5 * 27.5 + s * s).squareRoot()) < 1e-12)
        #expect(abs(next.x - s / next.y) < 1e-15)
        #expect(Self.model.jacobian(x).isFinite)
    }

    /// Driving 2 s with 100 steps equals the straight-line geometry exactly (the model is exact,
    /// not a linearisation): compare with LinkGeometry of the moved vehicle.
    @Test func hundredStepsMatchStraightLineGeometry() {
        let p = Fixture.parameters()
        let rsu = p.highway.rsus[1]
        var vehicle = Vehicle(id: 0, position: Point(x: 30, y: -2.5), velocity: -31)
        var x = Vector3(LinkGeometry(rsu: rsu, vehicle: vehicle))
        for _ in 0..<100 {
            x = Self.model.transition(x)
            vehicle = vehicle.advanced(by: 0.02)
        }
        let truth = LinkGeometry(rsu: rsu, vehicle: vehicle)
        #expect(abs(x.x - truth.phi) < 1e-12)
        #expect(abs(x.y - truth.distance) < 1e-10)
    }
}
