import Foundation
import ISACLearning

/// Assembles a reproduction from its tasks' outputs (R6, R7): the figure CSVs, the trained
/// networks, the report and the tasks' times. Fails, naming every task, if any output is missing,
/// failed (its marker's error) or unusable (truncated, corrupted, from another manifest).
///
/// The CSVs depend only on the outputs' content, never on which process or array task wrote
/// them or in which order, so any split of the tasks merges to the same bytes (apart from the
/// timing columns `solve_time_s`, `decision_time_s`, `deadline_missed`).
public struct ReproductionMerge: Sendable {
    /// File name → text: the figure CSVs present in the manifest (``ReproductionReport/csvFiles``).
    public var csv: [String: String]
    /// Trained networks as `models/K<k>/<assignment|beamforming>/model.islm` (the layout `--lstm`
    /// reads).
    public var models: [String: Data]
    /// `task_times.csv`: every task's stage and wall time (s).
    public var taskTimes: String
    /// Per stage: tasks, summed and longest wall time (s).
    public var stageTimes: [(stage: ReproductionStage, tasks: Int, totalSeconds: Double, longestSeconds: Double)]
    public var report: ReproductionReport

    public init(manifest: ReproductionManifest, store: any ReproductionStore) throws {
        let runner = ReproductionTaskRunner(manifest: manifest, store: store)
        var outputs: [String: ReproductionTaskFile] = [:]
        var seconds: [String: Double] = [:]
        var problems: [(task: String, reason: String)] = []
        for task in manifest.tasks {
            do {
                if let file = try runner.output(of: task.id) {
                    seconds[task.id] = file.wallSeconds
                    // Dataset shards are verified but not kept (the merge needs only their times).
                    if case .datasetShard = task.work {} else { outputs[task.id] = file }
                } else if let marker = try store.read(task.failureMarker) {
                    let message = String(decoding: marker, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    problems.append((task.id, "failed: \(message)"))
                } else {
                    problems.append((task.id, "no output \(task.output) (not run, still running, or killed)"))
                }
            } catch let error as ReproductionError {
                if case .invalidTaskOutput(_, let reason) = error { problems.append((task.id, "unusable output: \(reason)")) } else {
                    problems.append((task.id, "\(error)"))
                }
            }
        }
        guard problems.isEmpty else { throw ReproductionError.incomplete(problems) }
        func text(_ id: String, _ part: String) throws -> String {
            guard let data = outputs[id]?.part(part) else {
                throw ReproductionError.invalidTaskOutput(task: id, reason: "no part \(part)")
            }
            return String(decoding: data, as: UTF8.self)
        }

        var csv: [String: String] = [:]
        var models: [String: Data] = [:]
        let plan = manifest.plan
        // Fig. 11.
        if let t = manifest.tasks.first(where: { if case .tracking = $0.work { return true } else { return false } }) {
            csv["fig11.csv"] = try text(t.id, "rows.csv")
        }
        // Figs. 5-6 and the networks.
        for (network, file) in [(LearningTask.assignment, "fig5.csv"), (.beamforming, "fig6.csv")] {
            var curves: [(vehicles: Int, text: String)] = []
            for task in manifest.tasks {
                guard case .training(let k, network) = task.work else { continue }
                curves.append((k, try text(task.id, "curve.csv")))
                models["models/K\(k)/\(network.rawValue)/model.islm"] = outputs[task.id]?.part("model.islm")
            }
            if !curves.isEmpty { csv[file] = ReproductionCSV.learningCurves(csv: curves) }
        }
        // Figs. 7-8: rows ordered by point, drop, scheme (the plan's schemes, then the learned ones).
        let schemeOrder = plan.schemes + ReproductionManifest.learnedSchemes
        var sweepRows: [ReproductionSweep: [(key: [Int], line: String)]] = [:]
        var sweepHeader: [ReproductionSweep: String] = [:]
        for task in manifest.tasks {
            guard case .sweep(let sweep, let point, _, _, _) = task.work else { continue }
            let lines = try text(task.id, "rows.csv").split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            guard let head = lines.first else { continue }
            let names = head.split(separator: ",").map(String.init)
            guard let d = names.firstIndex(of: "drop"), let s = names.firstIndex(of: "scheme") else {
                throw ReproductionError.invalidTaskOutput(task: task.id, reason: "rows.csv has no drop or scheme column")
            }
            sweepHeader[sweep] = head
            for line in lines.dropFirst() {
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard f.count == names.count, let drop = Int(f[d]) else {
                    throw ReproductionError.invalidTaskOutput(task: task.id, reason: "malformed row '\(line)'")
                }
                sweepRows[sweep, default: []].append(([point, drop, schemeOrder.firstIndex(of: f[s]) ?? schemeOrder.count], line))
            }
        }
        for (sweep, rows) in sweepRows {
            let body = rows.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.line).joined(separator: "\n")
            let merged = sweepHeader[sweep]! + "\n" + body + "\n"
            if sweep == .sensingOff {
                csv[sweep.file] = merged  // paired with Fig. 7 below
            } else {
                csv[sweep.file] = ReproductionCSV.sweep(csv: merged)
            }
        }
        if let free = csv[ReproductionSweep.sensingOff.file] {
            guard let fig7 = csv["fig7.csv"] else { throw ReproductionError.incomplete([("fig7", "sensing-cost rows without Fig. 7")]) }
            csv[ReproductionSweep.sensingOff.file] = try ReproductionCSV.sensingCost(
                withSensing: try CSVTable(parsing: fig7), withoutSensing: try CSVTable(parsing: free),
                vehicles: ReproductionSweep.sensingCostVehicles(plan: plan))
        }
        // Figs. 9-10: per slot one row per policy, in the plan's order (then lstm).
        for run in plan.arrivalRates.indices {
            let tasks = manifest.tasks.compactMap { t -> (Int, String)? in
                guard case .closedLoop(run, let policy) = t.work else { return nil }
                return (schemeOrder.firstIndex(of: policy) ?? schemeOrder.count, t.id)
            }.sorted { $0.0 < $1.0 }
            guard !tasks.isEmpty else { continue }
            let columns = try tasks.map { try text($0.1, "rows.csv").split(separator: "\n", omittingEmptySubsequences: true) }
            guard Set(columns.map(\.count)).count == 1 else {
                throw ReproductionError.incomplete(tasks.map { ($0.1, "closed-loop runs of different lengths") })
            }
            var out = String(columns[0][0]) + "\n"
            for slot in 1..<columns[0].count {
                for c in columns { out += c[slot] + "\n" }
            }
            csv["fig\(run + 9).csv"] = out
        }

        // The corridor (R12): per slot one row per policy, rates in the plan's order; then the summary.
        if let corridor = plan.corridor {
            var out = ""
            for run in corridor.arrivalRates.indices {
                let tasks = manifest.tasks.compactMap { t -> (Int, String)? in
                    guard case .corridorLoop(run, let policy) = t.work else { return nil }
                    return (corridor.policies.firstIndex(of: policy) ?? corridor.policies.count, t.id)
                }.sorted { $0.0 < $1.0 }
                guard !tasks.isEmpty else { continue }
                let columns = try tasks.map { try text($0.1, "rows.csv").split(separator: "\n", omittingEmptySubsequences: true) }
                guard Set(columns.map(\.count)).count == 1 else {
                    throw ReproductionError.incomplete(tasks.map { ($0.1, "corridor runs of different lengths") })
                }
                if out.isEmpty { out = String(columns[0][0]) + "\n" }
                for slot in 1..<columns[0].count {
                    for c in columns { out += c[slot] + "\n" }
                }
            }
            if !out.isEmpty {
                csv[CorridorCSV.timeseriesFile] = out
                csv[CorridorCSV.summaryFile] = try CorridorCSV.summary(
                    timeseries: try CSVTable(parsing: out), policies: corridor.policies, warmup: corridor.warmupSeconds,
                    lengthMeters: corridor.lengthMeters)
            }
        }

        // Times.
        var times = "task,stage,wall_seconds\n"
        var stages: [(ReproductionStage, Int, Double, Double)] = []
        for (stage, range) in manifest.stageRanges {
            var total = 0.0, longest = 0.0
            for task in manifest.tasks[range] {
                let s = seconds[task.id]!
                times += "\(task.id),\(stage.rawValue),\(s)\n"
                total += s
                longest = max(longest, s)
            }
            stages.append((stage, range.count, total, longest))
        }

        var tables: [String: CSVTable] = [:]
        for (name, t) in csv { tables[name] = try CSVTable(parsing: t) }
        self.csv = csv
        self.models = models
        taskTimes = times
        stageTimes = stages
        report = ReproductionReport(
            tables: tables,
            context: .init(
                plan: plan, seed: manifest.seed, preset: manifest.config.preset, learningNote: manifest.learningNote,
                config: manifest.config, figures: Set(manifest.figures.compactMap(\.number)),
                corridorRequested: manifest.figures.contains(.corridor)))
    }
}
