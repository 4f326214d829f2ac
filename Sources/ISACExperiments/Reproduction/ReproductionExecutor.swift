import Dispatch
import ISACMath
import Foundation

/// Runs every task of a manifest in one process (`isactwin reproduce`, R6): stage by stage, the
/// tasks of a stage concurrently on all cores (the longest first). Tasks whose valid output is
/// already in the store are kept (a killed local run resumes). The merged result is the same as
/// from any other split of the tasks.
public struct ReproductionExecutor: Sendable {
    public let runner: ReproductionTaskRunner

    public init(manifest: ReproductionManifest, store: any ReproductionStore) {
        runner = ReproductionTaskRunner(manifest: manifest, store: store)
    }

    /// Runs the tasks `only` (default: all) whose output is missing or unusable.
    /// - Parameters:
    ///   - workers: tasks run at once (each single-threaded, or all cores for a stage with fewer tasks).
    ///   - taskDone: after each task (index, its file), from worker threads.
    /// - Throws: the first failure (the other tasks of its stage finish first), naming the task;
    ///   `CancellationError` when cancelled.
    public func run(
        only: Set<Int>? = nil, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        isCancelled: @escaping @Sendable () -> Bool = { false },
        taskDone: (@Sendable (Int, ReproductionTaskFile) -> Void)? = nil
    ) throws {
        let manifest = runner.manifest
        for (_, range) in manifest.stageRanges {
            let pending = range.filter { i in
                (only?.contains(i) ?? true) && (try? runner.output(of: manifest.tasks[i].id)) == nil
            }.sorted { Self.cost(manifest.tasks[$0]) > Self.cost(manifest.tasks[$1]) }
            guard !pending.isEmpty else { continue }
            let parallelInside = pending.count < workers
            let failures = FailureList()
            let next = Counter()
            let run: @Sendable (Int) -> Void = { _ in
                while true {
                    let j = next.increment() - 1
                    guard j < pending.count, !isCancelled() else { return }
                    let i = pending[j]
                    do {
                        let file = try runner.run(i, parallel: parallelInside, isCancelled: isCancelled)
                        taskDone?(i, file)
                    } catch {
                        failures.add(manifest.tasks[i].id, error)
                    }
                }
            }
            ParallelLoop.run(iterations: max(1, min(workers, pending.count)), run)
            if isCancelled() { throw CancellationError() }
            if let (id, error) = failures.first {
                if error is CancellationError { throw error }
                throw ReproductionError.invalidTaskOutput(task: id, reason: "failed: \(error)")
            }
        }
    }

    /// A rough cost for ordering (longest first): closed loops and training, then by work.
    static func cost(_ task: ReproductionTask) -> Double {
        switch task.work {
        case .closedLoop, .corridorLoop: return 1e12
        case .training: return 1e11
        case .datasetShard(let k, _, _): return 1e9 * Double(k)
        case .sweep(_, _, _, let count, let schemes): return Double(count * schemes.count)
        case .tracking: return 0
        }
    }
}

/// Errors of concurrent tasks, first in arrival order.
private final class FailureList: @unchecked Sendable {
    private var list: [(String, Error)] = []
    private let lock = NSLock()

    func add(_ id: String, _ error: Error) {
        lock.lock()
        list.append((id, error))
        lock.unlock()
    }

    var first: (String, Error)? {
        lock.lock()
        defer { lock.unlock() }
        return list.first
    }
}
