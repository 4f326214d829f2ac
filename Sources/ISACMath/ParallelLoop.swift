import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parallel `for` over `0..<iterations` on libdispatch's worker threads whose workers run at
/// the caller's scheduling priority (R13).
///
/// Linux applies `nice` and the scheduling policy per thread, and libdispatch's worker threads
/// are created by its pool, not by the caller: under `nice -n 19 isactwin …` the calling thread
/// runs at nice 19 while every worker runs at nice 0 and competes at full priority. Each
/// iteration therefore first lowers its thread's priority to the caller's (never raises it: an
/// unprivileged thread cannot, and a background run must never take more than it was given).
public enum ParallelLoop {
    /// Runs `body(i)` for every `i` in `0..<iterations`, concurrently, and returns when all have
    /// finished, like `DispatchQueue.concurrentPerform`.
    public static func run(iterations: Int, _ body: @Sendable (Int) -> Void) {
        guard iterations > 0 else { return }
        let caller = ThreadPriority.current()
        DispatchQueue.concurrentPerform(iterations: iterations) { i in
            caller.adoptIfLower()
            body(i)
        }
    }
}

/// The calling thread's nice value and scheduling policy (Linux: both per thread).
public struct ThreadPriority: Equatable, Sendable {
    /// The nice value, −20 (highest) … 19 (lowest).
    public var nice: Int32
    /// `SCHED_OTHER`, `SCHED_BATCH` or `SCHED_IDLE` (real-time policies are left alone).
    public var policy: Int32

    /// The calling thread's priority.
    public static func current() -> ThreadPriority {
        #if os(Linux)
        errno = 0
        let nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        return ThreadPriority(nice: errno == 0 ? nice : 0, policy: sched_getscheduler(0))
        #else
        return ThreadPriority(nice: getpriority(PRIO_PROCESS, 0), policy: 0)
        #endif
    }

    /// Makes the calling thread at most as important as `self`: raises its nice value to `nice`
    /// when lower, and moves it to `SCHED_IDLE` / `SCHED_BATCH` when `self` runs there. Never
    /// raises the thread's priority. Failures (no permission) leave the thread as it was.
    public func adoptIfLower() {
        let thread = ThreadPriority.current()
        #if os(Linux)
        if ThreadPriority.rank(policy) < ThreadPriority.rank(thread.policy) {
            var parameter = sched_param(sched_priority: 0)
            _ = sched_setscheduler(0, policy, &parameter)
        }
        if nice > thread.nice {
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
        }
        #else
        if nice > thread.nice { _ = setpriority(PRIO_PROCESS, 0, nice) }
        #endif
    }

    /// `SCHED_BATCH` and `SCHED_IDLE` of `<sched.h>` (Linux ABI values; Glibc's module map hides
    /// them behind `__USE_GNU`).
    public static let schedBatch: Int32 = 3
    public static let schedIdle: Int32 = 5

    /// Orders the non-real-time policies by how much CPU they claim: idle < batch < other.
    /// Real-time and unknown policies rank highest, so they are never adopted.
    private static func rank(_ policy: Int32) -> Int {
        #if os(Linux)
        switch policy {
        case schedIdle: return 0
        case schedBatch: return 1
        case SCHED_OTHER: return 2
        default: return 3
        }
        #else
        return 2
        #endif
    }
}
