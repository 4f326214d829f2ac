/// The shape of a padded mini-batch of variable-length sequences.
///
/// Tensors over a batch are column-major matrices with one column per (time step, sequence) pair:
/// column `t·B + b` holds step `t` of sequence `b`, so a tensor of `rows` features is a
/// `rows × (T·B)` matrix with leading dimension `rows` (what BLAS wants), and the columns of one
/// time step are contiguous. Sequence `b` is valid at steps `0..<lengths[b]` and padded after.
public struct SequenceShape: Sendable, Hashable {
    /// T: the longest sequence in the batch.
    public let timeSteps: Int
    /// Per-sequence valid lengths K_b (each in 1...T).
    public let lengths: [Int]

    /// B: the number of sequences.
    @inlinable public var batchSize: Int { lengths.count }
    /// T·B: the number of columns of every tensor over the batch.
    @inlinable public var columnCount: Int { timeSteps * lengths.count }
    /// Σ_b K_b: the number of valid (unpadded) positions.
    public var validCount: Int { lengths.reduce(0, +) }

    public init(lengths: [Int], timeSteps: Int? = nil) {
        let longest = lengths.max() ?? 0
        precondition(lengths.allSatisfy { $0 >= 1 }, "every sequence needs at least one step")
        self.timeSteps = timeSteps ?? longest
        precondition(self.timeSteps >= longest, "timeSteps \(self.timeSteps) < longest \(longest)")
        self.lengths = lengths
    }

    /// Whether step `t` of sequence `b` is a real vehicle (1) or padding (0).
    @inlinable
    public func isValid(step t: Int, sequence b: Int) -> Bool { t < lengths[b] }
}
