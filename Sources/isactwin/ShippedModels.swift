import Foundation

/// Where the shipped networks (`models/` of the repository, TW11) are found when `--lstm` is not
/// given: `$ISACTWIN_MODELS`, `./models`, then `models/` of the repository the executable was
/// built in (`.build/<configuration>/isactwin` → `../../models`).
enum ShippedModels {
    static func candidates() -> [String] {
        var list: [String] = []
        if let env = ProcessInfo.processInfo.environment["ISACTWIN_MODELS"], !env.isEmpty { list.append(env) }
        list.append("models")
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let repo = executable.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        list.append(repo.appendingPathComponent("models").path)
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
