import Foundation
import Synchronization
import Testing

@testable import ISACMath

/// R13: the workers of a parallel loop run at the caller's priority, never above it.
@Suite struct ParallelLoopTests {
    /// Runs `body` on a fresh thread (so priority changes die with it) and waits for it.
    private func onFreshThread(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.start()
        done.wait()
    }

    /// A caller 4 nice levels below its parent (max 19) runs a loop: every iteration, on
    /// whichever worker it lands, must see the caller's nice value, and some iteration must run on
    /// a thread other than the caller's (else the loop proved nothing). When the pool is busy
    /// (other suites run in parallel) libdispatch may run a whole loop on the caller, so the loop
    /// is repeated, up to 200 times, until a worker has joined. libdispatch's workers start at
    /// nice 0, so without R13 they report 0. The pool's workers keep the raised nice value for
    /// the rest of this test process (harmless: it only lowers the process's share of a busy CPU).
    @Test func workersRunAtTheCallersNiceValue() {
        let seen = Mutex<[(thread: UInt64, nice: Int32)]>([])
        let expected = Mutex<(nice: Int32, caller: UInt64)>((0, 0))
        onFreshThread {
            let parent = ThreadPriority.current()
            let target = min(19, parent.nice + 4)
            ThreadPriority(nice: target, policy: parent.policy).adoptIfLower()
            let caller = UInt64(pthread_self())
            expected.withLock { $0 = (ThreadPriority.current().nice, caller) }
            for _ in 0..<200 {
                ParallelLoop.run(iterations: 16) { _ in
                    let nice = ThreadPriority.current().nice
                    let thread = UInt64(pthread_self())
                    seen.withLock { $0.append((thread, nice)) }
                    usleep(1_000)
                }
                if seen.withLock({ $0.contains { $0.thread != caller } }) { break }
            }
        }
        let (target, caller) = expected.withLock { $0 }
        let records = seen.withLock { $0 }
        #expect(records.count >= 16 && records.count % 16 == 0)
        #expect(target >= 4 || target == 19)
        if ProcessInfo.processInfo.activeProcessorCount >= 2 {  // one core: the pool is the caller
            #expect(records.contains { $0.thread != caller })
        }
        #expect(records.allSatisfy { $0.nice == target })
    }

    /// A thread adopts `SCHED_BATCH` from a batch caller, and a later `SCHED_OTHER` caller does not
    /// move it back (adoption only ever lowers priority); a lower nice is never adopted either.
    @Test func adoptionNeverRaisesPriority() {
        let observed = Mutex<[ThreadPriority]>([])
        onFreshThread {
            let start = ThreadPriority.current()
            ThreadPriority(nice: start.nice, policy: ThreadPriority.schedBatch).adoptIfLower()
            let batch = ThreadPriority.current()
            ThreadPriority(nice: start.nice - 1, policy: SCHED_OTHER).adoptIfLower()
            let after = ThreadPriority.current()
            observed.withLock { $0 = [start, batch, after] }
        }
        let p = observed.withLock { $0 }
        #expect(p[0].policy == SCHED_OTHER)
        #expect(p[1] == ThreadPriority(nice: p[0].nice, policy: ThreadPriority.schedBatch))
        #expect(p[2] == p[1])
    }
}
