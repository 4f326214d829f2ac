/// Tiny complex kernels on interleaved (re, im) storage for the FP inner loops: plain Swift, no
/// allocation (BLAS call overhead dominates at N ≤ 128 and these run millions of times a sweep).
enum ComplexKernels {
    /// xᴴy over n complex elements starting at x[xo], y[yo].
    @inline(__always)
    static func dot(
        _ x: UnsafeBufferPointer<Double>, _ xo: Int, _ y: UnsafeBufferPointer<Double>, _ yo: Int, _ n: Int
    ) -> (re: Double, im: Double) {
        var sr = 0.0, si = 0.0
        var i = 0
        while i < 2 * n {
            let a = x[xo + i], b = x[xo + i + 1], c = y[yo + i], d = y[yo + i + 1]
            sr += a * c + b * d
            si += a * d - b * c
            i += 2
        }
        return (sr, si)
    }
}
