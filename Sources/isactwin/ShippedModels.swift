import Foundation

/// Where the shipped networks (`models/` of the repository, TW11) are found when `--lstm` is not
/// given: `$ISACTWIN_MODELS`, `./models`, then the `models/` of the first of the executable's
/// ancestor directories (up to four levels) that has one: the repository it was built in.
enum ShippedModels {
    static func candidates() -> [String] {
        var list: [String] = []
        if let env = ProcessInfo.processInfo.environment["ISACTWIN_MODELS"], !env.isEmpty { list.append(env) }
        list.append("models")
        // The repository's models/ next to .build/: walk up from the executable (SwiftPM's
        // .build/release is a symlink to .build/<triple>/release, so up to four levels).
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            directory = directory.deletingLastPathComponent()
            list.append(directory.appendingPathComponent("models").path)
        }
        return list
    }

    /// The first candidate that holds at least one K<count>/ model pair.
    static func locate() -> String? {
        candidates().first { !pairDirectories(in: $0).isEmpty }
    }

    /// `K<count>/` subdirectories holding assignment/ and beamforming/ models, by count.
    static func pairDirectories(in directory: String) -> [Int: String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [:] }
        var result: [Int: String] = [:]
        for name in entries where name.hasPrefix("K") {
            guard let k = Int(name.dropFirst()), k > 0 else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            if LearnedPolicyOption.isPair(path) { result[k] = path }
        }
        return result
    }
}
