import ISACMath
import ISACPhysics
import Testing
@testable import ISACTracking

@Suite struct TrackBankTests {
    static let p = Fixture.parameters(antennas: 32)

    /// The direction estimate of the initialiser recovers φ from one noisy r̃ at any direction,
    /// broadside and endfire included, whatever beam illuminated the vehicle (r̃ ∝ b(φ), eq. (12)):
    /// to 5e−7, while the CRB is ~1e−8 for a matched beam and ~√N times that for a random beam
    /// (|aᴴf|² ≈ 1/N), so a grid or refinement failure (errors ≥ 1e−4) cannot pass.
    @Test(arguments: [-0.999, -0.73, -0.2, 0, 1e-6, 0.31, 0.95])
    func directionEstimateFromFirstMeasurement(phi: Double) {
        let radar = RadarModel(parameters: Self.p)
        var rng = Xoshiro256StarStar(seed: 9)
        let link = LinkGeometry(phi: phi, distance: 35, speed: 30)
        for beam in [radar.transmitArray.steering(phi + 0.02), Fixture.randomBeam(count: 32, seed: 1)] {
            let y = radar.measure(link: link, beam: beam, using: &rng)
            let estimate = TrackInitializer.directionEstimate(y.response)
            #expect(abs(estimate - phi) < 5e-7, "φ = \(phi): estimate \(estimate)")
        }
    }

    /// A new track: d from the delay, φ from r̃, v from the Doppler (|φ| ≥ 0.1) or the lane's
    /// direction × v̄ (near broadside); covariance = the prior, so RCRB_d = 0.1 m.
    @Test func startFromFirstMeasurement() throws {
        let radar = RadarModel(parameters: Self.p)
        var rng = Xoshiro256StarStar(seed: 3)
        var bank = TrackBank(parameters: Self.p)
        let cases: [(Vehicle, Int)] = [
            (Vehicle(id: 1, position: Point(x: -30, y: 2.5), velocity: 28.7), 0),
            (Vehicle(id: 2, position: Point(x: 0.5, y: -2.5), velocity: -31.2), 0),
            (Vehicle(id: 3, position: Point(x: -0.5, y: 2.5), velocity: 33), 1),
            (Vehicle(id: 4, position: Point(x: 20, y: -2.5), velocity: -29), 1),
        ]
        for (vehicle, rsu) in cases {
            let truth = LinkGeometry(rsu: Self.p.highway.rsus[rsu], vehicle: vehicle)
            let y = radar.measure(link: truth, beam: radar.transmitArray.steering(truth.phi), using: &rng)
            let key = LinkKey(rsu: rsu, vehicle: vehicle.id)
            let track = bank.start(key, measurement: y)
            let x = track.posterior.mean
            #expect(abs(x.x - truth.phi) < 1e-7)
            #expect(abs(x.y - truth.distance) < 1e-3)
            if abs(truth.phi) >= 0.1 {
                #expect(abs(x.z - truth.speed) < 1e-2)
            } else {
                #expect(x.z == Double(vehicle.direction) * Self.p.config.traffic.meanSpeed)
            }
            #expect(track.posterior.distanceStd == 0.1)
            let link = try #require(bank.prediction(for: key))
            #expect(link.rcrbDistanceMeters == 0.1)
            #expect(link.prediction.mean == bank.filter.predict(track.posterior).mean)
        }
    }

    /// Lifecycle: zero tracks, start, update, coast, drop, drop a vehicle's links; keys sorted;
    /// coasting grows the covariance; updating an unknown link is reported, not a crash.
    @Test func lifecycle() throws {
        var bank = TrackBank(parameters: Self.p)
        #expect(bank.count == 0 && bank.predictions().isEmpty && bank.keys.isEmpty)
        let unknown = LinkKey(rsu: 0, vehicle: 7)
        let missing = bank.update(
            unknown, measurement: RadarMeasurement(response: ComplexVector(count: 32), delaySeconds: 0, dopplerHz: 0),
            beam: ComplexVector(count: 32))
        #expect(missing == nil)
        let coasted = bank.coast(unknown), dropped = bank.drop(unknown)
        #expect(!coasted && !dropped)

        let radar = RadarModel(parameters: Self.p)
        var rng = Xoshiro256StarStar(seed: 5)
        var vehicles = [
            Vehicle(id: 5, position: Point(x: -28, y: 2.5), velocity: 30),
            Vehicle(id: 2, position: Point(x: 27, y: -2.5), velocity: -30),
        ]
        for v in vehicles {
            for i in 0..<2 {
                let truth = LinkGeometry(rsu: Self.p.highway.rsus[i], vehicle: v)
                bank.start(LinkKey(rsu: i, vehicle: v.id), measurement: radar.measure(link: truth, beam: radar.transmitArray.steering(truth.phi), using: &rng))
            }
        }
        #expect(bank.keys == [LinkKey(rsu: 0, vehicle: 2), LinkKey(rsu: 1, vehicle: 2), LinkKey(rsu: 0, vehicle: 5), LinkKey(rsu: 1, vehicle: 5)])
        for slot in 0..<10 {
            vehicles = vehicles.map { $0.advanced(by: Self.p.slotSeconds) }
            for v in vehicles {
                for i in 0..<2 {
                    let key = LinkKey(rsu: i, vehicle: v.id)
                    if i == 1 && slot >= 8 {  // RSU 2 stops seeing the vehicles: predict only
                        let before = try #require(bank.track(key)).posterior.covariance.m11
                        let coasted = bank.coast(key)
                        #expect(coasted)
                        #expect(try #require(bank.track(key)).posterior.covariance.m11 > before)
                        continue
                    }
                    let truth = LinkGeometry(rsu: Self.p.highway.rsus[i], vehicle: v)
                    let beam = radar.transmitArray.steering(try #require(bank.track(key)).prediction.mean.x)
                    let status = bank.update(key, measurement: radar.measure(link: truth, beam: beam, using: &rng), beam: beam)
                    #expect(status == .updated)
                    let t = try #require(bank.track(key))
                    #expect(abs(t.posterior.mean.x - truth.phi) < 1e-6 && abs(t.posterior.mean.y - truth.distance) < 1e-3)
                }
            }
        }
        let t = try #require(bank.track(LinkKey(rsu: 1, vehicle: 5)))
        #expect(t.updateCount == 8 && t.coastCount == 2)
        #expect(bank.predictions().count == 4)
        #expect(bank.predictions().allSatisfy { $0.sensing != nil })
        let dropped2 = bank.drop(LinkKey(rsu: 0, vehicle: 2))
        #expect(dropped2)
        #expect(bank.keys == [LinkKey(rsu: 1, vehicle: 2), LinkKey(rsu: 0, vehicle: 5), LinkKey(rsu: 1, vehicle: 5)])
        // The swap-remove kept the index consistent.
        #expect(bank.track(LinkKey(rsu: 1, vehicle: 5))?.key == LinkKey(rsu: 1, vehicle: 5))
        bank.dropVehicle(5)
        #expect(bank.keys == [LinkKey(rsu: 1, vehicle: 2)])
    }

    /// The adaptive-gain option of the config selects the paper's gain.
    @Test func configSelectsGainRule() {
        #expect(TrackBank(parameters: Fixture.parameters(adaptiveGain: true)).filter.gainRule == .adaptivePaper)
        #expect(TrackBank(parameters: Fixture.parameters()).filter.gainRule == .standard)
    }
}
