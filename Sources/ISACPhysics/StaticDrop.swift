import ISACMath

/// Static drops for the sweeps of Figs. 7-8 (M2): K vehicles uniform on the road rectangle, the
/// direction of travel given by the side of the centre line (y > centre: +x), speeds from
/// N(v̄, σ_v²) redrawn below the minimum speed.
public enum StaticDrop {
    public static func vehicles(
        count: Int, highway: Highway, traffic: ScenarioConfig.Traffic,
        using rng: inout some RandomNumberGenerator
    ) -> [Vehicle] {
        (0..<count).map { id in
            let x = rng.nextUniform(in: highway.startX, highway.endX)
            let y = highway.centerY + rng.nextUniform(in: -highway.widthMeters / 2, highway.widthMeters / 2)
            var speed: Double
            repeat {
                speed = rng.nextGaussian(mean: traffic.meanSpeed, standardDeviation: traffic.speedStandardDeviation)
            } while speed < traffic.minimumSpeed
            let direction = y >= highway.centerY ? 1.0 : -1.0
            return Vehicle(id: id, position: Point(x: x, y: y), velocity: direction * speed)
        }
    }

    public static func vehicles(
        count: Int, parameters: ScenarioParameters, using rng: inout some RandomNumberGenerator
    ) -> [Vehicle] {
        vehicles(count: count, highway: parameters.highway, traffic: parameters.config.traffic, using: &rng)
    }
}
