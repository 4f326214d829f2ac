import Foundation
import Testing

/// `isactwin dataset merge` (L15): concatenation, checks and an all-or-nothing output.
@Suite struct DatasetMergeCLITests {
    typealias CLI = CLIRunner

    func synthetic(_ name: String, seed: String, antennas: String = "2", validation: String = "4", in dir: String) throws {
        let r = try CLI.run(
            ["synthetic-dataset", "--samples", "8", "--validation", validation, "--vehicles", "3", "--antennas", antennas,
             "--seed", seed, "--out", name], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
    }

    func manifest(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    func shards(_ split: String) throws -> [[String: Any]] { try manifest(split + "/manifest.json")["shards"] as! [[String: Any]] }

    /// The merged splits hold the sources' shards byte for byte, in order, renumbered, with
    /// contiguous sample indices; `train` reads the result.
    @Test func concatenatesTheSourcesInOrder() throws {
        let dir = CLI.scratch("merge")
        try synthetic("a", seed: "1", in: dir)
        try synthetic("b", seed: "2", in: dir)
        let r = try CLI.run(["dataset", "merge", "m", "a", "b"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        for split in ["train", "validation"] {
            let sources = try shards("\(dir)/a/\(split)").map { ("a", $0) } + shards("\(dir)/b/\(split)").map { ("b", $0) }
            let merged = try shards("\(dir)/m/\(split)")
            #expect(merged.count == sources.count)
            var first = 0
            for (k, (source, shard)) in sources.enumerated() {
                let m = merged[k]
                #expect(m["file"] as? String == String(format: "shard-%05d.bin", k))
                #expect(m["firstSample"] as? Int == first)
                #expect(m["checksum"] as? String == shard["checksum"] as? String)
                let original = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(source)/\(split)/\(shard["file"] as! String)"))
                #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/m/\(split)/\(m["file"] as! String)")) == original)
                first += shard["sampleCount"] as! Int
            }
            #expect(first == (split == "train" ? 16 : 8))
            let generator = try manifest("\(dir)/m/\(split)/manifest.json")["generator"] as! [String: String]
            #expect(generator["aggregate"]?.hasPrefix("[{\"generator\": \"synthetic\", \"seed\": \"1\"") == true, "\(generator)")
        }
        let train = try CLI.run(
            ["train", "--task", "assignment", "--data", "m", "--hidden", "2", "--dense", "2", "--batch", "4", "--threads", "1",
             "--epochs", "1", "--out", "net"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
    }

    /// Refusals name the culprit and leave no output directory behind.
    @Test func refusesBadInputWithoutWritingAnything() throws {
        let dir = CLI.scratch("merge-bad")
        try synthetic("a", seed: "1", in: dir)
        try synthetic("wide", seed: "2", antennas: "3", in: dir)
        try synthetic("novalidation", seed: "3", validation: "0", in: dir)
        try synthetic("corrupt", seed: "4", in: dir)
        let shard = "\(dir)/corrupt/train/shard-00000.bin"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: shard))
        bytes[bytes.startIndex + 40] ^= 0x10
        try bytes.write(to: URL(fileURLWithPath: shard))
        let cases: [([String], String)] = [
            (["m", "a", "wide"], "wide/train: layout"),
            (["m", "a", "novalidation"], "no validation/ split"),
            (["m", "a", "corrupt"], "corrupt/train/shard-00000.bin: checksum mismatch"),
            (["m", "a", "missing"], "SOURCE 'missing'"),
            (["a", "a"], "OUT 'a' already exists"),
            (["m"], "at least one SOURCE"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(["dataset", "merge"] + args, in: dir)
            #expect(r.status != 0 && r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: "\(dir)/m"))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("merging") }
        #expect(leftovers.isEmpty)
    }
}
