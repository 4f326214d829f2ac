/// One tracked link: an (RSU index, vehicle id) pair.
public struct LinkKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rsu: Int
    public let vehicle: Int

    public init(rsu: Int, vehicle: Int) {
        self.rsu = rsu
        self.vehicle = vehicle
    }

    public static func < (a: LinkKey, b: LinkKey) -> Bool {
        a.vehicle != b.vehicle ? a.vehicle < b.vehicle : a.rsu < b.rsu
    }

    public var description: String { "(rsu \(rsu), vehicle \(vehicle))" }
}
