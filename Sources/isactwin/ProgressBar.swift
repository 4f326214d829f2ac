import Foundation
import Synchronization

/// A progress bar on stderr, drawn only when stderr is a terminal (logs and pipes stay clean).
/// Thread-safe: workers call ``advance()`` concurrently.
final class ProgressBar: Sendable {
    private let label: String
    private let total: Int
    private let done = Atomic<Int>(0)
    private let enabled: Bool
    private let start = Date()

    init(label: String, total: Int) {
        self.label = label
        self.total = max(total, 1)
        enabled = isatty(STDERR_FILENO) != 0
    }

    func advance(by n: Int = 1) {
        let now = done.add(n, ordering: .relaxed).newValue
        guard enabled else { return }
        let step = max(1, total / 200)
        if now % step == 0 || now == total { draw(now) }
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private func draw(_ n: Int) {
        let width = 30
        let filled = width * n / total
        let elapsed = Date().timeIntervalSince(start)
        let eta = n > 0 ? elapsed * Double(total - n) / Double(n) : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = String(format: "\r%@ %@ %3d%%  %.0fs elapsed, ~%.0fs left ", label, bar, 100 * n / total, elapsed, eta)
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// The progress bar of the current stage of a multi-stage run: the main thread starts and finishes
/// a bar per stage (while no worker runs), workers advance it.
final class CurrentProgressBar: @unchecked Sendable {
    private var bar: ProgressBar?

    func start(label: String, total: Int) { bar = ProgressBar(label: label, total: total) }
    func advance(by n: Int = 1) { bar?.advance(by: n) }
    func finish() {
        bar?.finish()
        bar = nil
    }
}
