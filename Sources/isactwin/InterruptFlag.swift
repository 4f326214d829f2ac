import Foundation
import Synchronization

/// SIGINT (Ctrl-C) handling for long runs: the first SIGINT only sets a flag, which the run
/// polls between slots; it then stops cleanly and writes nothing, so an interrupted run never
/// leaves a half-written file. A second SIGINT ends the process at once.
final class InterruptFlag: Sendable {
    private static let flag = Atomic<Bool>(false)

    var isSet: Bool { Self.flag.load(ordering: .relaxed) }

    static func install() -> InterruptFlag {
        signal(SIGINT) { _ in
            if InterruptFlag.flag.exchange(true, ordering: .relaxed) { _exit(130) }
        }
        // A parent may start us with SIGINT blocked (Foundation's Process does); unblock it so the
        // handler runs. Worker threads created from here on inherit the unblocked mask.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        return InterruptFlag()
    }
}
