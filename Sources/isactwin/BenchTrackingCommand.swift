import ArgumentParser
import Foundation
import ISACMath
import ISACPhysics
import ISACTracking

/// `isactwin bench tracking`: time of one track-update (update with this slot's measurement +
/// prediction of the next slot) in the twin's track bank, per slot over all tracks.
struct BenchTrackingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracking",
        abstract: "Predict+update time per track (build with -c release).",
        discussion: "Example: isactwin bench tracking --tracks 10,50,100 --antennas 32")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var seedOption: SeedOption

    @Option(help: "Comma-separated track counts, each in 1...10000.")
    var tracks: String = "10,50,100"

    @Option(help: "Array size N (N_t = N_r = N), in 2...1024.")
    var antennas: Int = 32

    @Option(help: "Timed slots per track count, in 10...100000 (after 20 warm-up slots).")
    var slots: Int = 200

    func validate() throws {
        _ = try CommaSeparated.integers(tracks, flag: "--tracks", range: 1...10000)
        try FlagCheck.integer("--antennas", antennas, ScenarioConfig.antennaRange)
        try FlagCheck.integer("--slots", slots, 10...100_000)
    }

    func run() throws {
        var config = try scenario.load()
        config.antennas.transmit = antennas
        config.antennas.receive = antennas
        let parameters = ScenarioParameters(config)
        let counts = try CommaSeparated.integers(tracks, flag: "--tracks", range: 1...10000)
        print("bench tracking: N_t = N_r = \(antennas), \(slots) timed slots, gain rule \(config.tracking.adaptiveGain ? "adaptive" : "standard (iterated)")")
        print("tracks | median ns/track-update | p90 ns/track-update | mean linearisations/update")
        for k in counts {
            let r = Self.measure(parameters: parameters, tracks: k, slots: slots, seed: seedOption.seed)
            print(String(format: "%6d | %22.0f | %19.0f | %.2f", k, r.median, r.p90, r.iterations))
        }
    }

    /// Times `slots` slots of K tracks; measurements and beams (matched to the true direction) are
    /// generated before the clock starts.
    static func measure(parameters p: ScenarioParameters, tracks k: Int, slots: Int, seed: UInt64)
        -> (median: Double, p90: Double, iterations: Double)
    {
        let warmUp = 20
        let total = slots + warmUp
        let radar = RadarModel(parameters: p)
        var rng = Xoshiro256StarStar(seed: seed, stream: UInt64(k))
        var vehicles = (0..<k).map { i -> Vehicle in
            let direction = i % 2 == 0 ? 1 : -1
            let x = p.highway.startX + p.highway.length * (Double(i) + 0.5) / Double(k)
            return Vehicle(id: i, position: Point(x: x, y: p.highway.laneY(direction: direction)), velocity: Double(direction) * 30)
        }
        var bank = TrackBank(parameters: p)
        let keys = (0..<k).map { LinkKey(rsu: $0 % p.rsuCount, vehicle: $0) }
        for (i, v) in vehicles.enumerated() {
            let truth = LinkGeometry(rsu: p.highway.rsus[keys[i].rsu], vehicle: v)
            bank.start(keys[i], measurement: radar.measure(link: truth, beam: radar.transmitArray.steering(truth.phi), using: &rng))
        }
        var measurements: [[RadarMeasurement]] = []
        var beams: [[ComplexVector]] = []
        for _ in 0..<total {
            vehicles = vehicles.map { $0.advanced(by: p.slotSeconds) }
            var ys: [RadarMeasurement] = [], fs: [ComplexVector] = []
            for (i, v) in vehicles.enumerated() {
                let truth = LinkGeometry(rsu: p.highway.rsus[keys[i].rsu], vehicle: v)
                let f = radar.transmitArray.steering(truth.phi)
                fs.append(f)
                ys.append(radar.measure(link: truth, beam: f, using: &rng))
            }
            measurements.append(ys)
            beams.append(fs)
        }
        let clock = ContinuousClock()
        var perUpdate: [Double] = []
        var linearisations = 0
        for s in 0..<total {
            let ys = measurements[s], fs = beams[s]
            let start = clock.now
            for i in 0..<k { bank.update(keys[i], measurement: ys[i], beam: fs[i]) }
            let elapsed = clock.now - start
            if s >= warmUp {
                let c = elapsed.components
                perUpdate.append((Double(c.seconds) * 1e9 + Double(c.attoseconds) * 1e-9) / Double(k))
                for key in keys { linearisations += bank.track(key)!.lastIterations }
            }
        }
        return (
            Statistics.quantile(perUpdate, 0.5), Statistics.quantile(perUpdate, 0.9),
            Double(linearisations) / Double(slots * k)
        )
    }
}
