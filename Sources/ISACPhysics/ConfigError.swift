/// A configuration value or command-line flag that ISACTwin cannot use. The message names the
/// field (a dotted JSON path such as `radio.slotSeconds`, or a flag such as `--duration`), the
/// value and the valid range or values, so a user can fix the file or flag without reading code.
/// The CLI exits with code 64 (usage error) on it.
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Dotted JSON path of the field, e.g. `radio.slotSeconds` or `geometry.rsus[1].y`, or a flag.
    public let field: String
    /// The offending value, as text.
    public let value: String
    /// What would have been accepted.
    public let validRange: String

    public init(field: String, value: String, validRange: String) {
        self.field = field
        self.value = value
        self.validRange = validRange
    }

    public var description: String {
        "\(field.hasPrefix("--") ? "invalid flag" : "invalid configuration"): \(field) = \(value); valid: \(validRange)"
    }
}
