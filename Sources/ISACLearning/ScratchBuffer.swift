/// A growable, manually managed buffer of scalars used as layer workspace.
///
/// Workspaces are reused from one mini-batch (or one slot) to the next, so the hot paths allocate
/// only when a batch is larger than any seen before. Each buffer is owned by one thread at a time
/// (one workspace per training thread), hence `@unchecked Sendable`.
final class ScratchBuffer<S: LearningScalar>: @unchecked Sendable {
    private(set) var pointer: UnsafeMutablePointer<S>
    private(set) var capacity: Int

    init(capacity: Int = 0) {
        self.capacity = max(1, capacity)
        pointer = .allocate(capacity: self.capacity)
        pointer.initialize(repeating: 0, count: self.capacity)
    }

    deinit { pointer.deallocate() }

    /// Makes room for `count` scalars (contents are not preserved when it grows) and returns the
    /// base address.
    @discardableResult
    func reserve(_ count: Int) -> UnsafeMutablePointer<S> {
        if count > capacity {
            pointer.deallocate()
            capacity = max(count, capacity * 2)
            pointer = .allocate(capacity: capacity)
            pointer.initialize(repeating: 0, count: capacity)
        }
        return pointer
    }

    /// Reserves `count` scalars and sets them to zero.
    @discardableResult
    func zeroed(_ count: Int) -> UnsafeMutablePointer<S> {
        let p = reserve(count)
        p.update(repeating: 0, count: count)
        return p
    }
}
