import Foundation
import ISACMath
import ISACPhysics
import Testing
@testable import ISACTracking

/// h, H, Q and the fast linearisation (T2).
@Suite struct MeasurementModelTests {
    static let states: [Vector3] = [
        Vector3(0, 27.5, 30), Vector3(-0.999, 40, 29), Vector3(0.999, 40, -31), Vector3(-0.73, 40.7, 30),
        Vector3(0.3, 30, -28), Vector3(1e-7, 27.6, 30),
    ]

    /// The phasor recurrence against the direct steering vector: relative error ≤ 64·ε·N.
    @Test(arguments: [1, 16, 64, 256])
    func phasorRecurrenceMatchesDirectSteering(n: Int) {
        let ula = UniformLinearArray(elementCount: n)
        for phi in [-1.0, -0.73, 0, 1e-9, 0.5, 0.999] {
            let direct = ula.steering(phi)
            var a = SteeringPhasor(phi: phi, elementCount: n)
            var worst = 0.0
            for k in 0..<n {
                worst = max(worst, abs(a.re - direct.re(k)), abs(a.im - direct.im(k)))
                a.advance()
            }
            #expect(worst <= 64 * Double(n) * Double.ulpOfOne / Double(n).squareRoot())
        }
    }

    /// H's φ and v columns against central differences of h(x; f) (ISACPhysics' RadarModel, direct
    /// steering vectors), for a matched and a random beam. The d column: the delay row is 2/c, the
    /// Doppler row 0, and the r̃ rows are 0 in H by (22) (β's d-dependence not differentiated, M6)
    /// while h's true derivative there is −r̄/d: checked as such, so the approximation is explicit.
    @Test(arguments: states)
    func jacobianMatchesFiniteDifferences(x: Vector3) {
        let model = RadarMeasurementModel(parameters: Fixture.parameters(antennas: 16))
        for beam in [model.radar.transmitArray.steering(x.x + 0.01), Fixture.randomBeam(count: 16, seed: 3)] {
            let h = model.denseJacobian(at: x, beam: beam)
            let steps = Vector3(1e-7, 1e-5, 1e-5)
            let mean = model.stackedExpectation(at: x, beam: beam)
            for j in 0..<3 {
                var plus = x, minus = x
                plus[j] += steps[j]
                minus[j] -= steps[j]
                let fp = model.stackedExpectation(at: plus, beam: beam)
                let fm = model.stackedExpectation(at: minus, beam: beam)
                let numeric = zip(fp, fm).map { ($0 - $1) / (2 * steps[j]) }
                let rows = h.count
                if j == 1 {
                    for r in 0..<(rows - 2) {
                        #expect(h[r][1] == 0)
                        #expect(abs(numeric[r] + mean[r] / x.y) <= 1e-6 * (abs(mean[r] / x.y) + 1e-3))
                    }
                    #expect(Fixture.relative(numeric[rows - 2], h[rows - 2][1]) < 1e-6)
                    #expect(abs(numeric[rows - 1]) < 1e-6 && h[rows - 1][1] == 0)
                } else {
                    let scale = numeric.reduce(0) { max($0, abs($1)) }
                    for r in 0..<rows {
                        #expect(abs(numeric[r] - h[r][j]) <= 1e-6 * scale, "H[\(r),\(j)] at \(x)")
                    }
                }
            }
        }
    }

    /// The O(N) linearisation equals the dense HᵀQ⁻¹H and HᵀQ⁻¹(z − h) to 1e−10 relative, for a
    /// noisy measurement and beams matched or not, with N_t = N_r (fused two-chain loop, even and odd N) and N_t ≠ N_r.
    @Test(arguments: states, [(16, 16), (15, 15), (8, 12)])
    func fastLinearisationEqualsDenseAlgebra(x: Vector3, arrays: (Int, Int)) {
        var c = ScenarioConfig.paper
        c.antennas.transmit = arrays.0
        c.antennas.receive = arrays.1
        let p = ScenarioParameters(c)
        let model = RadarMeasurementModel(parameters: p)
        var rng = Xoshiro256StarStar(seed: 5)
        let truth = Vector3(x.x + 2e-4, x.y + 0.01, x.z + 0.1)
        for beam in [model.radar.transmitArray.steering(x.x), Fixture.randomBeam(count: arrays.0, seed: 8)] {
            let y = model.radar.measure(link: truth.link, beam: beam, using: &rng)
            let lin = model.linearize(at: x, beam: beam, measurement: y)
            let h = model.denseJacobian(at: x, beam: beam)
            let w = model.noiseDiagonal(at: x, beam: beam).map { 1 / $0 }
            let dense = Fixture.weightedGram(h, w)
            for i in 0..<3 {
                for j in 0..<3 {
                    let scale = (dense[i, i] * dense[j, j]).squareRoot()
                    #expect(abs(lin.information[i, j] - dense[i, j]) <= 1e-10 * scale)
                }
            }
            let e = zip(model.stacked(y), model.stackedExpectation(at: x, beam: beam)).map { $0 - $1 }
            for i in 0..<3 {
                var s = 0.0, scale = 0.0
                for r in 0..<e.count {
                    s += h[r][i] * w[r] * e[r]
                    scale += abs(h[r][i] * w[r] * e[r])
                }
                #expect(abs(lin.score[i] - s) <= 1e-9 * scale + 1e-300)
            }
            #expect(Fixture.relative(lin.noise.delay, model.radar.noiseVariances(link: x.link, beam: beam).delay) < 1e-12)
            #expect(Fixture.relative(lin.sensitivity, SensingOperator(
                phi: x.x, transmit: model.radar.transmitArray, receive: model.radar.receiveArray).sensitivity(beam)) < 1e-10)
        }
    }

    /// Q depends on the beam used: halving the beam amplitude quarters |η|² and multiplies σ_ν²,
    /// σ_μ² by 4 (eqs. (16)-(17)), so J's delay entry drops by 4; σ_r² is beam-independent (M4).
    @Test func noiseDependsOnTheBeamUsed() {
        let model = RadarMeasurementModel(parameters: Fixture.parameters())
        let x = Vector3(-0.4, 33, 30)
        let f = model.radar.transmitArray.steering(x.x)
        let full = model.linearize(at: x, beam: f, measurement: nil)
        let half = model.linearize(at: x, beam: f.scaled(by: 0.5), measurement: nil)
        #expect(Fixture.relative(full.noise.delay * 4, half.noise.delay) < 1e-12)
        #expect(Fixture.relative(full.noise.doppler * 4, half.noise.doppler) < 1e-12)
        #expect(full.noise.response == half.noise.response)
        #expect(Fixture.relative(full.information.m11, 4 * half.information.m11) < 1e-12)
    }
}
