#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time of the calling thread, s (`CLOCK_THREAD_CPUTIME_ID`). Decision latencies (TW8) and
/// time budgets (``DecisionBudget``) use it so that other threads (the other policies' twins
/// running in parallel) neither inflate nor consume them.
public enum ThreadCPUClock {
    public static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
}
