/// A configuration value that ISACTwin cannot use. The message names the field (as a JSON path),
/// the value and the valid range, so a user can fix the file or flag without reading code.
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// JSON path of the field, e.g. `radio.slotSeconds`.
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
        "invalid configuration: \(field) = \(value); valid: \(validRange)"
    }
}
