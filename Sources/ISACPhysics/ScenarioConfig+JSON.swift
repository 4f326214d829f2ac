import Foundation

extension ScenarioConfig {
    /// Pretty-printed JSON with sorted keys: the format `isactwin config` prints and `--config` reads.
    public func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Applies a JSON document that overrides any subset of `base` (nested objects merge key by
    /// key; arrays and scalars replace), then validates the result.
    ///
    /// Unknown keys are rejected, so a misspelt field cannot be silently ignored.
    public static func load(json data: Data, over base: ScenarioConfig = .paper) throws -> ScenarioConfig {
        let overlay: Any
        do {
            overlay = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ConfigError(field: "(file)", value: "not valid JSON", validRange: "a JSON object (\(error.localizedDescription))")
        }
        guard let overlayObject = overlay as? [String: Any] else {
            throw ConfigError(field: "(file)", value: "a JSON \(type(of: overlay))", validRange: "a JSON object")
        }
        var start = base
        // A file naming another preset starts from that preset.
        if let name = overlayObject["preset"] as? String {
            guard let p = preset(named: name) else {
                throw ConfigError(field: "preset", value: "\"\(name)\"", validRange: presetNames.joined(separator: ", "))
            }
            start = p
        }
        let baseObject = try JSONSerialization.jsonObject(with: JSONEncoder().encode(start)) as! [String: Any]
        let merged = try merge(overlayObject, into: baseObject, path: "")
        let config: ScenarioConfig
        do {
            config = try JSONDecoder().decode(
                ScenarioConfig.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch let DecodingError.typeMismatch(type, context) {
            throw ConfigError(
                field: context.codingPath.map(\.stringValue).joined(separator: "."),
                value: "a value of the wrong type", validRange: "a \(type)")
        } catch let DecodingError.dataCorrupted(context) {
            throw ConfigError(
                field: context.codingPath.map(\.stringValue).joined(separator: "."),
                value: "an unreadable value", validRange: context.debugDescription)
        }
        try config.validate()
        return config
    }

    private static func merge(_ overlay: [String: Any], into base: [String: Any], path: String) throws -> [String: Any] {
        var out = base
        for (key, value) in overlay {
            let field = path.isEmpty ? key : "\(path).\(key)"
            guard let existing = base[key] else {
                throw ConfigError(
                    field: field, value: "an unknown field",
                    validRange: "one of: \(base.keys.sorted().joined(separator: ", "))")
            }
            if let sub = value as? [String: Any], let baseSub = existing as? [String: Any] {
                out[key] = try merge(sub, into: baseSub, path: field)
            } else {
                out[key] = value
            }
        }
        return out
    }
}
