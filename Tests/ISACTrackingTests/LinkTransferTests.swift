import ISACMath
import ISACPhysics
import Testing

@testable import ISACTracking

/// The hand-over map between RSUs (C6): geometry, inverse and Jacobian.
@Suite struct LinkTransferTests {
    let a = Point(x: 0, y: 30)
    let b = Point(x: 60, y: 30)
    let c = Point(x: 60, y: -30)

    /// Mapping A's exact link state of a vehicle gives B's exact link state of the same vehicle.
    @Test(arguments: [(-25.0, 2.5, 30.0), (10.0, 2.5, 29.0), (31.0, -2.5, -31.0), (58.0, -2.5, -28.0)])
    func mapsExactGeometry(x: Double, y: Double, v: Double) {
        let vehicle = Vehicle(id: 0, position: Point(x: x, y: y), velocity: v)
        for target in [b, c] {
            let mapped = LinkTransfer(from: a, to: target, roadCenterY: 0).map(Vector3(LinkGeometry(rsu: a, vehicle: vehicle)))
            let truth = Vector3(LinkGeometry(rsu: target, vehicle: vehicle))
            #expect(abs(mapped.x - truth.x) < 1e-12 && abs(mapped.y - truth.y) < 1e-10 && mapped.z == truth.z)
        }
    }

    /// J against central differences (step 1e-6 relative), every entry, at points on both sides of
    /// broadside and for targets on both sides of the road; tolerance 1e-6 relative to the entry's
    /// scale (the difference quotient's truncation error is O(h²) ≈ 1e-12).
    @Test(arguments: [Vector3(-0.6, 38, 30), Vector3(0.2, 28, -29), Vector3(0.95, 55, 31)])
    func jacobianMatchesFiniteDifferences(at x: Vector3) {
        for target in [b, c] {
            let t = LinkTransfer(from: a, to: target, roadCenterY: 0)
            let j = t.jacobian(at: x)
            let rows = [[j.m00, j.m01, j.m02], [j.m10, j.m11, j.m12], [j.m20, j.m21, j.m22]]
            for col in 0..<3 {
                var plus = x, minus = x
                let h = 1e-6 * max(abs([x.x, x.y, x.z][col]), 1e-3)
                switch col {
                case 0: plus.x += h; minus.x -= h
                case 1: plus.y += h; minus.y -= h
                default: plus.z += h; minus.z -= h
                }
                let fp = t.map(plus), fm = t.map(minus)
                let fd = [(fp.x - fm.x) / (2 * h), (fp.y - fm.y) / (2 * h), (fp.z - fm.z) / (2 * h)]
                for row in 0..<3 {
                    #expect(abs(rows[row][col] - fd[row]) <= 1e-6 * max(abs(fd[row]), 1), "J[\(row)][\(col)] = \(rows[row][col]), FD \(fd[row])")
                }
            }
        }
    }

    /// A → B → A is the identity (the road side is known for both RSUs), and the covariance
    /// propagated there and back is the original (J_BA·J_AB = I at corresponding points).
    @Test func roundTripIsIdentity() {
        let x = Vector3(-0.4, 40, 30)
        let ab = LinkTransfer(from: a, to: c, roadCenterY: 0)
        let ba = LinkTransfer(from: c, to: a, roadCenterY: 0)
        let back = ba.map(ab.map(x))
        #expect(abs(back.x - x.x) < 1e-12 && abs(back.y - x.y) < 1e-10)
        let m = Matrix3(symmetric: 1e-8, 1e-9, 0, 1e-4, 1e-5, 0.01)
        let there = ab.map(GaussianEstimate(mean: x, covariance: m))
        let again = ba.map(there).covariance
        for (p, q) in zip([again.m00, again.m01, again.m11, again.m12, again.m22], [m.m00, m.m01, m.m11, m.m12, m.m22]) {
            #expect(abs(p - q) <= 1e-9 * max(abs(q), 1e-12) + 1e-20)
        }
    }
}
