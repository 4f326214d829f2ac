/// Where each M16 input feature sits in a vehicle's feature vector.
///
/// Per RSU i = 0..<rsuCount, a block of 2N_r + 2N_t + 2 features, in this order:
/// Re r̃_{[i,k],n} (N_r), Im r̃ (N_r), Re f_{[i,k],n−1} (N_t), Im f (N_t), ν̃_{[i,k],n}, μ̃_{[i,k],n}.
/// With two RSUs and N_r = N_t = 32 that is 2·(2·32 + 2·32 + 2) = 260 features. Beam labels are
/// [Re f (N_t), Im f (N_t)]: 2N_t values.
public struct FeatureLayout: Sendable, Hashable, Codable {
    public let transmitAntennas: Int
    public let receiveAntennas: Int
    public let rsuCount: Int

    public init(transmitAntennas: Int, receiveAntennas: Int, rsuCount: Int) {
        precondition(transmitAntennas > 0 && receiveAntennas > 0 && rsuCount > 0,
                     "antenna and RSU counts must be positive")
        self.transmitAntennas = transmitAntennas
        self.receiveAntennas = receiveAntennas
        self.rsuCount = rsuCount
    }

    /// 2N_r + 2N_t + 2.
    public var featuresPerRSU: Int { 2 * receiveAntennas + 2 * transmitAntennas + 2 }
    /// F = rsuCount · (2N_r + 2N_t + 2).
    public var featureCount: Int { rsuCount * featuresPerRSU }
    /// 2N_t: outputs of the beamforming network.
    public var beamComponentCount: Int { 2 * transmitAntennas }

    public func echoRealOffset(rsu i: Int) -> Int { i * featuresPerRSU }
    public func echoImaginaryOffset(rsu i: Int) -> Int { i * featuresPerRSU + receiveAntennas }
    public func previousBeamRealOffset(rsu i: Int) -> Int { i * featuresPerRSU + 2 * receiveAntennas }
    public func previousBeamImaginaryOffset(rsu i: Int) -> Int {
        i * featuresPerRSU + 2 * receiveAntennas + transmitAntennas
    }
    /// Offset of ν̃ (μ̃ follows it).
    public func nuOffset(rsu i: Int) -> Int { i * featuresPerRSU + 2 * receiveAntennas + 2 * transmitAntennas }
    public func muOffset(rsu i: Int) -> Int { nuOffset(rsu: i) + 1 }
}
