import DigitalTwin
import Foundation
import ISACExperiments
import ISACLearning
import ISACMath
import ISACOptimization
import ISACPhysics
import Testing

/// The CSV with its timing columns (wall or CPU time and what follows from it) emptied: the only
/// fields that may differ between two runs of the same task.
func withoutTiming(_ text: String) -> String {
    let timing = Set(["solve_time_s", "decision_time_s", "deadline_missed", "slot_time_s"] + CorridorCSV.timingColumns)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let header = lines.first else { return text }
    let drop = Set(header.split(separator: ",").enumerated().filter { timing.contains(String($0.element)) }.map(\.offset))
    for i in lines.indices.dropFirst() where !lines[i].isEmpty {
        var f = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for c in drop where c < f.count { f[c] = "" }
        lines[i] = f.joined(separator: ",")
    }
    return lines.joined(separator: "\n")
}

private func stripped(_ csv: [String: String]) -> [String: String] { csv.mapValues(withoutTiming) }

/// The tiny plan's manifest with every task run in one process (``TinyReproduction``), as files.
private func completedStore() throws -> InMemoryReproductionStore {
    let store = InMemoryReproductionStore()
    try ReproductionExecutor(manifest: TinyReproduction.manifest, store: store).run()
    return store
}

private func mergeError(_ manifest: ReproductionManifest, _ store: some ReproductionStore) -> String? {
    do {
        _ = try ReproductionMerge(manifest: manifest, store: store)
        return nil
    } catch {
        return "\(error)"
    }
}

@Suite("Reproduction manifest and tasks")
struct ReproductionManifestTests {
    let manifest = TinyReproduction.manifest

    @Test("a manifest round-trips through its JSON, encodes deterministically and rejects edits")
    func roundTrip() throws {
        let big = try ReproductionManifest(
            plan: ReproductionPlan.tiny.using(models: [3: "/models/K3"]), config: .paper, seed: UInt64.max - 1, figures: [7, 9])
        for m in [manifest, big] {
            let data = m.encoded()
            let back = try ReproductionManifest(decoding: data, name: "m.json")
            #expect(back == m)
            #expect(back.encoded() == data)
        }
        #expect(big.seed == UInt64.max - 1)
        #expect(big.plan.learnedModels == [LearnedModelDirectory(vehicles: 3, directory: "/models/K3")])
        // An edited seed no longer matches the fingerprint.
        let edited = String(decoding: manifest.encoded(), as: UTF8.self)
            .replacingOccurrences(of: "\"seed\" : \(manifest.seed)", with: "\"seed\" : \(manifest.seed + 1)")
        #expect(edited != String(decoding: manifest.encoded(), as: UTF8.self))
        #expect(throws: ReproductionError.self) { try ReproductionManifest(decoding: Data(edited.utf8), name: "m.json") }
        #expect(throws: ReproductionError.self) { try ReproductionManifest(decoding: Data("{}".utf8), name: "m.json") }
    }

    @Test("tasks: unique ids, stages contiguous and ordered, dependencies earlier, drops covered once")
    func structure() throws {
        let ids = manifest.tasks.map(\.id)
        #expect(Set(ids).count == ids.count)
        let stages = manifest.stageRanges
        #expect(stages.map(\.stage) == [.data, .simulate, .train, .learned])
        #expect(stages.map(\.indices.count).reduce(0, +) == manifest.tasks.count)
        var seen = Set<String>()
        for (i, t) in manifest.tasks.enumerated() {
            for d in t.dependencies {
                let j = try #require(ids.firstIndex(of: d))
                #expect(t.stage.prerequisites.contains(manifest.tasks[j].stage), "\(t.id) depends on \(d), not of a prerequisite stage")
                #expect(j < i)
            }
            seen.insert(t.id)
        }
        // Every (sweep, point, scheme set) covers drops 0..<drops exactly once.
        var covered: [String: [Int]] = [:]
        for t in manifest.tasks {
            if case .sweep(let s, let p, let first, let count, let schemes) = t.work {
                covered["\(s)|\(p)|\(schemes)", default: []] += Array(first..<(first + count))
            }
        }
        #expect(!covered.isEmpty)
        for (key, drops) in covered { #expect(drops.sorted() == Array(0..<ReproductionPlan.tiny.drops), "\(key)") }
        // The tiny plan's task size splits points into several tasks.
        #expect(covered.count < manifest.tasks.filter { if case .sweep = $0.work { return true } else { return false } }.count)
    }

    @Test("one process, an array of single tasks in another order, and re-runs merge to the same CSVs")
    func anySplitMergesIdentically() throws {
        let one = try #require(TinyReproduction.merged).csv

        // An "array job": every task on its own runner, stage by stage, each stage in reverse order.
        let array = InMemoryReproductionStore()
        for (_, range) in manifest.stageRanges {
            for i in range.reversed() {
                try ReproductionTaskRunner(manifest: manifest, store: array).run(i, parallel: false)
            }
        }
        let split = try ReproductionMerge(manifest: manifest, store: array).csv

        // One worker, then some tasks run a second time (a requeue) over their own outputs.
        let again = InMemoryReproductionStore()
        try ReproductionExecutor(manifest: manifest, store: again).run(workers: 1)
        let rerun = [0, 5, manifest.tasks.count / 2, manifest.tasks.count - 1]
        for i in rerun {
            let path = manifest.tasks[i].output
            let before = try ReproductionTaskFile(decoding: try #require(try again.read(path)), task: manifest.tasks[i].id, manifest: manifest.fingerprint)
            let after = try ReproductionTaskRunner(manifest: manifest, store: again).run(i, parallel: true)
            #expect(before.parts.map(\.name) == after.parts.map(\.name))
            for (a, b) in zip(before.parts, after.parts) {
                if a.name.hasSuffix(".csv") {
                    #expect(withoutTiming(String(decoding: a.data, as: UTF8.self)) == withoutTiming(String(decoding: b.data, as: UTF8.self)))
                } else {
                    #expect(a.data == b.data, "\(manifest.tasks[i].id) \(a.name) differs on a re-run")
                }
            }
        }
        let requeued = try ReproductionMerge(manifest: manifest, store: again).csv

        #expect(Set(one.keys) == Set(ReproductionReport.csvFiles + ["sensing_cost.csv"]))
        #expect(stripped(split) == stripped(one))
        #expect(stripped(requeued) == stripped(one))
        // Timing columns aside, the merge is byte-identical; outside them it is not trivially so.
        #expect(one["fig5.csv"] == split["fig5.csv"])
        #expect(one["fig11.csv"] == split["fig11.csv"])
        #expect(one["sensing_cost.csv"] == split["sensing_cost.csv"])
    }

    @Test("merge fails naming every missing, failed, corrupted, truncated or foreign task output")
    func mergeNamesBrokenTasks() throws {
        let store = try completedStore()
        #expect(mergeError(manifest, store) == nil)
        let tasks = manifest.tasks
        let (missing, failed, corrupted, truncated, foreign) = (tasks[1], tasks[2], tasks[3], tasks[4], tasks[5])
        try store.remove(missing.output)
        try store.remove(failed.output)
        try store.write(Data("boom: solver exploded\n".utf8), to: failed.failureMarker)
        var bytes = try #require(try store.read(corrupted.output))
        bytes[bytes.count - 1] ^= 0x01
        try store.write(bytes, to: corrupted.output)
        let whole = try #require(try store.read(truncated.output))
        try store.write(whole.prefix(whole.count / 2), to: truncated.output)
        let other = try ReproductionManifest(plan: .tiny, config: .paper, seed: TinyReproduction.seed + 1, figures: Set(5...11))
        let otherStore = InMemoryReproductionStore()
        let index = try #require(other.tasks.firstIndex { $0.id == foreign.id })
        #expect(other.tasks[index].dependencies.isEmpty)
        try ReproductionTaskRunner(manifest: other, store: otherStore).run(index, parallel: false)
        try store.write(try #require(try otherStore.read(foreign.output)), to: foreign.output)

        let message = try #require(mergeError(manifest, store))
        #expect(message.contains("5 task(s) missing or failed"))
        #expect(message.contains("\(missing.id): no output"))
        #expect(message.contains("\(failed.id): failed: boom: solver exploded"))
        #expect(message.contains("\(corrupted.id): unusable output:") && message.contains("checksum"))
        #expect(message.contains("\(truncated.id): unusable output:"))
        #expect(message.contains("\(foreign.id): unusable output: computed for another manifest"))
        for t in tasks.dropFirst(6) { #expect(!message.contains("  \(t.id):")) }
    }

    @Test("a task whose input is missing fails naming it, leaves its failure marker and no output")
    func missingDependency() throws {
        let store = InMemoryReproductionStore()
        let index = try #require(manifest.tasks.firstIndex { if case .training = $0.work { return true } else { return false } })
        let task = manifest.tasks[index]
        #expect(throws: ReproductionError.missingInput(task: task.id, needs: task.dependencies[0])) {
            try ReproductionTaskRunner(manifest: manifest, store: store).run(index, parallel: false)
        }
        #expect(try store.read(task.output) == nil)
        let marker = String(decoding: try #require(try store.read(task.failureMarker)), as: UTF8.self)
        #expect(marker.contains(task.dependencies[0]))
        #expect(throws: ReproductionError.taskIndexOutOfRange(index: manifest.tasks.count, count: manifest.tasks.count)) {
            try ReproductionTaskRunner(manifest: manifest, store: store).run(manifest.tasks.count, parallel: false)
        }
    }

    @Test("a cancelled task writes nothing")
    func cancelledTaskWritesNothing() throws {
        let store = InMemoryReproductionStore()
        let index = try #require(manifest.tasks.firstIndex { if case .closedLoop = $0.work { return true } else { return false } })
        #expect(throws: CancellationError.self) {
            try ReproductionTaskRunner(manifest: manifest, store: store).run(index, parallel: false, isCancelled: { true })
        }
        #expect(store.allFiles.isEmpty)
    }

    @Test("--figures gates every figure: only the requested figures' tasks run and merge")
    func figureGating() throws {
        func kinds(_ m: ReproductionManifest) -> Set<String> {
            Set(m.tasks.map { t -> String in
                switch t.work {
                case .tracking: return "tracking"
                case .sweep(let s, _, _, _, let schemes): return s.rawValue + (schemes == ["lstm", "lstm-fp"] ? "+lstm" : "")
                case .datasetShard: return "dataset"
                case .training(_, let n): return "train-\(n.rawValue)"
                case .closedLoop(let run, let p): return "fig\(run + 9)" + (p.hasPrefix("lstm") ? "+" + p : "")
                case .corridorLoop: return "corridor"
                }
            })
        }
        let only7 = try ReproductionManifest(plan: .tiny, config: .paper, seed: 1, figures: [7])
        #expect(kinds(only7) == ["fig7", "fig7-table1-literal", "sensing-off"])
        #expect(only7.lstmVehicles == nil)
        #expect(only7.learningNote?.contains("not requested") == true)
        let only11 = try ReproductionManifest(plan: .tiny, config: .paper, seed: 1, figures: [11])
        #expect(kinds(only11) == ["tracking"])
        #expect(kinds(try ReproductionManifest(plan: .tiny, config: .paper, seed: 1, figures: [.paper(11), .corridor])) == ["tracking", "corridor"])
        let only5and10 = try ReproductionManifest(plan: .tiny, config: .paper, seed: 1, figures: [5, 10])
        #expect(kinds(only5and10) == ["dataset", "train-assignment", "fig10"])
        let learned = try ReproductionManifest(plan: .tiny, config: .paper, seed: 1, figures: [5, 6, 9])
        #expect(kinds(learned) == ["dataset", "train-assignment", "train-beamforming", "fig9", "fig9+lstm", "fig9+lstm-fp"])
        let shipped = try ReproductionManifest(plan: ReproductionPlan.tiny.using(models: [3: "/m/K3"]), config: .paper, seed: 1, figures: [7])
        #expect(kinds(shipped) == ["fig7", "fig7+lstm", "fig7-table1-literal", "sensing-off"])
        #expect(shipped.tasks.allSatisfy { $0.dependencies.isEmpty && $0.stage == .simulate })
        for bad: Set<Int> in [[], [4], [5, 12]] {
            #expect(throws: ReproductionError.self) { try ReproductionManifest(plan: .tiny, config: .paper, seed: 1, figures: bad) }
        }

        let store = InMemoryReproductionStore()
        try ReproductionExecutor(manifest: only7, store: store).run()
        let merged = try ReproductionMerge(manifest: only7, store: store)
        #expect(Set(merged.csv.keys) == ["fig7.csv", "fig7_table1_literal.csv", "sensing_cost.csv"])
        #expect(merged.report.markdown.contains("## Fig. 11: RCRB of distance against time\n\n![Fig. 11](fig11.png)\n\n**Paper:**"))
        let fig11 = try #require(merged.report.findings.first { $0.figure == "Fig. 11" })
        #expect(fig11.verdict == "not requested")
        for figure in ["Fig. 5", "Fig. 6", "Fig. 8", "Fig. 9", "Fig. 10"] {
            #expect(merged.report.findings.first { $0.figure == figure }?.verdict == "not requested", "\(figure)")
        }
        // The same points and drops give the same rows as in the full tiny run.
        #expect(withoutTiming(merged.csv["fig7_table1_literal.csv"]!) == withoutTiming(TinyReproduction.csv["fig7_table1_literal.csv"]!)
            || only7.seed != TinyReproduction.seed)
    }

    @Test("a task's random streams do not depend on the task size: other splits give the same rows")
    func taskSizeDoesNotChangeRows() throws {
        var coarse = ReproductionPlan.tiny
        coarse.sweepTaskWork = 1_000_000
        let a = try ReproductionManifest(plan: coarse, config: .paper, seed: 3, figures: [8])
        let b = try ReproductionManifest(plan: .tiny, config: .paper, seed: 3, figures: [8])
        #expect(a.tasks.count < b.tasks.count)
        var csv: [String] = []
        for m in [a, b] {
            let store = InMemoryReproductionStore()
            try ReproductionExecutor(manifest: m, store: store).run()
            csv.append(withoutTiming(try ReproductionMerge(manifest: m, store: store).csv["fig8.csv"]!))
        }
        #expect(csv[0] == csv[1])
    }
}

@Suite("Shared dataset seeding (R8)")
struct LearningDatasetRecipeTests {
    @Test("reproduce's dataset shards are the documented streams of `isactwin dataset`: split seed = first draw of (seed, K·2⁸ + split)")
    func shardsFollowTheDocumentedScheme() throws {
        let manifest = TinyReproduction.manifest
        let store = InMemoryReproductionStore()
        let plan = manifest.plan
        let k = plan.learningVehicleCounts[0]
        var config = manifest.config
        config.antennas.transmit = plan.closedLoopAntennas
        config.antennas.receive = plan.closedLoopAntennas
        let parameters = ScenarioParameters(config)
        for (split, stream, count) in [(LearningDatasetRecipe.Split.train, UInt64(0), plan.trainingSamples), (.validation, 1, plan.validationSamples)] {
            let index = try #require(manifest.tasks.firstIndex { $0.work == .datasetShard(vehicles: k, split: split, shard: 0) })
            let file = try ReproductionTaskRunner(manifest: manifest, store: store).run(index, parallel: false)
            let layout = FeatureLayout(transmitAntennas: plan.closedLoopAntennas, receiveAntennas: plan.closedLoopAntennas, rsuCount: parameters.rsuCount)
            let samples = try DatasetShardFormat.decode(try #require(file.part("shard.isds")), layout: layout, name: "shard")
            // Independently: the generator `isactwin dataset` documents (docs/DATASET.md, R8).
            var seeds = Xoshiro256StarStar(seed: manifest.seed, stream: UInt64(k) << 8 | stream)
            let generator = LearningDatasetGenerator(
                parameters: parameters, targetVehicles: k, stride: plan.learningStride, seed: seeds.next(), chunkSize: 50)
            let expected = Array(try generator.chunk(0).prefix(count))
            #expect(samples.count == count)
            #expect(samples == expected)
        }
        // The two splits are different runs.
        let recipe = { (s: LearningDatasetRecipe.Split) in
            LearningDatasetRecipe(parameters: parameters, vehicles: k, stride: 3, seed: 1, split: s, sampleCount: 4)
        }
        #expect(try recipe(.train).samples(0..<4) != recipe(.validation).samples(0..<4))
        // A range inside a later chunk is that chunk's slice.
        let long = LearningDatasetRecipe(parameters: parameters, vehicles: k, stride: 3, seed: 1, split: .train, sampleCount: 120)
        #expect(try long.samples(55..<60) == Array(try long.generator.chunk(1)[5..<10]))
        #expect(long.shardCount == 1 && long.shardRange(0) == 0..<120)
    }
}

@Suite("Report facts from the configuration (R9)")
struct ReportFactsTests {
    @Test("the sensing cap, the flip limit and the literal preset's SNR are read, not written")
    func factsFollowConfiguration() throws {
        let tables = TinyReproduction.csv.compactMapValues { try? CSVTable(parsing: $0) }
        var config = ScenarioConfig.paper
        config.options.sensingCapFraction = 0.9
        var options = DecisionOptions.standard
        options.heuristicFlipCapFactor = 3
        let report = ReproductionReport(
            tables: tables, context: .init(plan: .tiny, seed: 7, preset: "paper", config: config, decisionOptions: options)).markdown
        #expect(report.contains("after 3K flips"))
        #expect(report.contains("capped at 0.9 λ_max"))
        let standard = TinyReproduction.report.markdown
        #expect(standard.contains("after 2K flips") && standard.contains("capped at 0.99 λ_max"))
        // Hand derivation (M0): P κ'² α̃ /(d² σ²) = 1e-3 W · N · 1e-7 / (d² · 1e-10 W) = N/d², d = L/2 = 30 m.
        let n = Double(ReproductionPlan.tiny.sweepAntennas)
        let snr = String(format: "%.1f", 10 * log10(n / 900))
        #expect(standard.contains("N = \(ReproductionPlan.tiny.sweepAntennas) is \(snr) dB"))
        // The sensing cost is measured in this run, with its interval.
        #expect(standard.contains("`sensing_cost.csv`, paired per drop"))
        #expect(TinyReproduction.report.numbers.contains { $0.file == "sensing_cost.csv" && $0.column == "sensing_cost_pct" })
    }
}
