import Foundation
import ISACMath
import ISACPhysics

/// Λ of the sensing constraint (37) "from one slot of tracking history" (M15), for the static
/// sweeps: a stand-in for the tracker's Λ, isolated here so it can be swapped (decision O6).
///
/// The track of a link starts with the M6 prior M₀ = diag(σ_φ², σ_d², σ_v²) one slot earlier, at
/// the vehicle's position x − vT, and receives one matched-beam measurement there:
/// M̃_{n−1} = (J(a) + M₀⁻¹)⁻¹. It is predicted to now, M̂_n = F M̃_{n−1} Fᵀ + E (M7's PCRB with the
/// process noise E), and the information after this slot's measurement is
/// Ω = J(f) + M̂_n⁻¹ (54). The requirement is that the PCRB of φ does not grow,
/// [Ω⁻¹]₁₁ ≤ m̃⁽¹¹⁾_{n−1} (55). Only the r̃ term of ω₁₁ depends on the beam through ‖Πf‖²:
/// ω₁₁ = c‖Πf‖² + ω̂₁₁ with c = 2|√P κ β G|²/σ_r² (M7: complex r̃ gives 2Re{∂mᴴ∂m}/σ_r²; (57) without
/// the 2 and P). In Schur-complement form, [Ω⁻¹]₁₁ = 1/(ω₁₁ − ω₁ᵣΩᵣᵣ⁻¹ωᵣ₁), so (58) reads
/// Λ = (1/m̃⁽¹¹⁾_{n−1} + ω₁ᵣΩᵣᵣ⁻¹ωᵣ₁ − ω̂₁₁)/c. The delay and Doppler information (which also
/// depend on f through the echo SNR) are evaluated at the matched beam, as the paper treats them as
/// constants. J: r̃ contributes c‖Πf‖² to J_φφ only (β's dependence on d is not differentiated,
/// M6); ν̃ = 2d/c₀ contributes (2/c₀)²/σ_ν² to J_dd; μ̃ contributes hhᵀ/σ_μ² with
/// h = [−2f_c v/c₀, 0, −2f_c φ/c₀] (M5).
public struct OneSlotSensingRequirement: Sendable {
    public let parameters: ScenarioParameters
    let radar: RadarModel
    let motion: ConstantVelocityMotion
    let transmit: UniformLinearArray
    let receive: UniformLinearArray

    public init(parameters: ScenarioParameters) {
        self.parameters = parameters
        radar = RadarModel(parameters: parameters)
        motion = ConstantVelocityMotion(slotSeconds: parameters.slotSeconds)
        transmit = UniformLinearArray(elementCount: parameters.transmitAntennas)
        receive = UniformLinearArray(elementCount: parameters.receiveAntennas)
    }

    /// Λ per link, `[rsu][vehicle]` (≥ 0; the decision problem caps it, M10).
    public func requirements(vehicles: [Vehicle]) -> [[Double]] {
        parameters.highway.rsus.map { r in vehicles.map { requirement(rsu: r, vehicle: $0) } }
    }

    /// Λ of one link.
    public func requirement(rsu: Point, vehicle: Vehicle) -> Double {
        guard let t = terms(rsu: rsu, vehicle: vehicle) else { return 0 }
        // Schur complement of the (d, v) block: s = ω₁ᵣ Ωᵣᵣ⁻¹ ωᵣ₁.
        let omega = t.omegaWithoutResponse
        let (a, b, c) = (omega[4], omega[5], omega[8])
        let det = a * c - b * b
        guard det > 0 else { return 0 }
        let (u, w) = (omega[1], omega[2])
        let schur = (c * u * u - 2 * b * u * w + a * w * w) / det
        return max(0, (1 / t.previousPhiVariance + schur - omega[0]) / t.responseScale)
    }

    /// The pieces of (54)-(58) for one link: m̃⁽¹¹⁾_{n−1}, Ω without the beam-dependent r̃ term
    /// (row-major 3×3), and c, so that Ω(f) = Ω₀ + c‖Πf‖²·e₁e₁ᵀ.
    func terms(rsu: Point, vehicle: Vehicle)
        -> (previousPhiVariance: Double, omegaWithoutResponse: [Double], responseScale: Double)?
    {
        let before = LinkGeometry(rsu: rsu, vehicle: vehicle.advanced(by: -parameters.slotSeconds))
        let now = LinkGeometry(rsu: rsu, vehicle: vehicle)
        let prior = parameters.config.tracking.prior
        let process = parameters.config.tracking.processNoise
        // M̃_{n−1} = (J(a) + M₀⁻¹)⁻¹.
        var info = fisherInformation(link: before, includeResponse: true)
        info[0] += 1 / (prior.phi * prior.phi)
        info[4] += 1 / (prior.distanceMeters * prior.distanceMeters)
        info[8] += 1 / (prior.speedMetersPerSecond * prior.speedMetersPerSecond)
        guard let posterior = Self.inverse(info) else { return nil }
        // M̂_n = F M̃ Fᵀ + E.
        let f = motion.jacobian(before.vector)
        var predicted = Self.multiply(Self.multiply(f, posterior), Self.transpose(f))
        predicted[0] += process.phi * process.phi
        predicted[4] += process.distanceMeters * process.distanceMeters
        predicted[8] += process.speedMetersPerSecond * process.speedMetersPerSecond
        guard var omega = Self.inverse(predicted) else { return nil }
        let rest = fisherInformation(link: now, includeResponse: false)
        for e in 0..<9 { omega[e] += rest[e] }
        return (posterior[0], omega, responseInformationScale(distance: now.distance))
    }

    /// c = 2|√P κ β G|²/σ_r²: J_φφ of r̃ per unit ‖Πf‖².
    func responseInformationScale(distance: Double) -> Double {
        let amp = radar.responseAmplitude(distance: distance)
        let sigma2 = radar.noiseVariances(distance: distance, beamGain: 1).response
        return 2 * (amp.re * amp.re + amp.im * amp.im) / sigma2
    }

    /// The 3×3 Fisher information (row-major) of one measurement with the matched beam a(φ).
    func fisherInformation(link: LinkGeometry, includeResponse: Bool) -> [Double] {
        let a = transmit.steering(link.phi)
        var j = [Double](repeating: 0, count: 9)
        if includeResponse {
            let pi = SensingOperator(phi: link.phi, transmit: transmit, receive: receive)
            j[0] += responseInformationScale(distance: link.distance) * pi.sensitivity(a)
        }
        let q = radar.noiseVariances(link: link, beam: a)
        let c0 = PhysicalConstants.speedOfLight
        j[4] += (2 / c0) * (2 / c0) / q.delay
        let h = [-2 * parameters.carrierFrequencyHz * link.speed / c0, 0, -2 * parameters.carrierFrequencyHz * link.phi / c0]
        for r in 0..<3 { for s in 0..<3 { j[3 * r + s] += h[r] * h[s] / q.doppler } }
        return j
    }

    /// Inverse of a symmetric positive-definite 3×3 (Cholesky solve against the identity).
    static func inverse(_ m: [Double]) -> [Double]? {
        let identity: [Double] = [1, 0, 0, 0, 1, 0, 0, 0, 1]
        return try? LAPACK.solvePositiveDefinite(m, n: 3, identity, rightHandSides: 3)
    }

    static func multiply(_ x: [Double], _ y: [Double]) -> [Double] {
        var z = [Double](repeating: 0, count: 9)
        for r in 0..<3 { for c in 0..<3 { for k in 0..<3 { z[3 * r + c] += x[3 * r + k] * y[3 * k + c] } } }
        return z
    }

    static func transpose(_ x: [Double]) -> [Double] {
        [x[0], x[3], x[6], x[1], x[4], x[7], x[2], x[5], x[8]]
    }
}
