import ISACMath
import ISACPhysics
import Testing

@testable import ISACExperiments

@Suite struct ConstantVelocityMotionTests {
    /// The M5 map is exact geometry: predicting a link equals the link of the moved vehicle.
    @Test func predictionIsExactGeometry() {
        let motion = ConstantVelocityMotion(slotSeconds: 0.02)
        let rsu = Point(x: 0, y: 30)
        for (x, v) in [(-20.0, 30.0), (0.0, 31.0), (12.0, -29.0), (0.3, -30.0)] {
            let car = Vehicle(id: 0, position: Point(x: x, y: 2.5), velocity: v)
            let predicted = motion.predict(LinkGeometry(rsu: rsu, vehicle: car).vector)
            let truth = LinkGeometry(rsu: rsu, vehicle: car.advanced(by: 0.02))
            #expect(abs(predicted[0] - truth.phi) <= 1e-12)
            #expect(abs(predicted[1] - truth.distance) <= 1e-12 * truth.distance)
        }
    }

    /// The analytic Jacobian against central differences (step 1e-6 relative; tolerance 1e-6).
    @Test func jacobianMatchesFiniteDifferences() {
        let motion = ConstantVelocityMotion(slotSeconds: 0.02)
        for x in [[0.3, 28.0, 30.0], [-0.6, 40.0, -31.0], [0.0, 27.5, 29.0]] {
            let j = motion.jacobian(x)
            for c in 0..<3 {
                let h = 1e-6 * max(1, abs(x[c]))
                var xp = x, xm = x
                xp[c] += h
                xm[c] -= h
                let fp = motion.predict(xp), fm = motion.predict(xm)
                for r in 0..<3 {
                    let numeric = (fp[r] - fm[r]) / (2 * h)
                    #expect(abs(j[3 * r + c] - numeric) <= 1e-6 * max(1, abs(numeric)), "∂\(r)/∂\(c)")
                }
            }
        }
    }
}
