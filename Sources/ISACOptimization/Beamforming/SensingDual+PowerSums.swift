/// The O(r) part of one dual evaluation (O21.3, O22): power sums over A's kept eigenvalues
/// Σ_i x̄_i y_i/(λ_i + μ)^k, k = 1, 2, 3, of β = Uᴴc, p_a = Uᴴa, p_a' = Uᴴa'.
///
/// Explicit SIMD accumulation over the structure-of-arrays rows (LLVM does not vectorise
/// floating-point reductions by itself: it may not reassociate them), one reciprocal 1/(λ_i + μ)
/// per eigenvalue and μ, kept for the stable re-forming of ‖f‖² (``refine(_:mu:)``).
extension SensingDual {
    /// The SIMD type of the sums (rows are padded to a multiple of the lane width, 2, with zero terms).
    typealias Lane = SIMD2<Double>

    /// c_k = βᴴD⁻ᵏβ, u_k = [p_a p_a']ᴴD⁻ᵏβ, S_k = [p_a p_a']ᴴD⁻ᵏ[p_a p_a'] (range(A) part only).
    struct PowerSums {
        var c1 = 0.0, c2 = 0.0, c3 = 0.0
        var u1 = SmallVector2.zero, u2 = SmallVector2.zero, u3 = SmallVector2.zero
        var s1 = Hermitian2x2.zero, s2 = Hermitian2x2.zero, s3 = Hermitian2x2.zero
    }

    @inline(__always) private static func load(_ p: UnsafeMutablePointer<Double>, _ i: Int) -> Lane {
        UnsafeRawPointer(p).loadUnaligned(fromByteOffset: i &* MemoryLayout<Double>.stride, as: Lane.self)
    }

    /// Σ_i t_i·d_i^k (k = 1, 2, 3) for three rows t at once, d = the reciprocal row: nine SIMD2
    /// accumulators plus d, d², d³ fit x86-64's sixteen SSE registers (nine SIMD4 accumulators, or
    /// all 27 sums in one loop, spill: measured with callgrind, O22).
    @inline(__always) private static func threeRows(
        _ t: UnsafeMutablePointer<Double>, width w: Int, _ rowA: Int, _ rowB: Int, _ rowC: Int
    ) -> (SIMD3<Double>, SIMD3<Double>, SIMD3<Double>) {
        var a1 = Lane(), a2 = Lane(), a3 = Lane(), b1 = Lane(), b2 = Lane(), b3 = Lane()
        var c1 = Lane(), c2 = Lane(), c3 = Lane()
        let reciprocal = t + Row.reciprocal * w, ta = t + rowA * w, tb = t + rowB * w, tc = t + rowC * w
        var i = 0
        while i < w {
            let d1 = load(reciprocal, i)
            let d2 = d1 * d1
            let d3 = d2 * d1
            let x = load(ta, i), y = load(tb, i), z = load(tc, i)
            a1 += x * d1
            a2 += x * d2
            a3 += x * d3
            b1 += y * d1
            b2 += y * d2
            b3 += y * d3
            c1 += z * d1
            c2 += z * d2
            c3 += z * d3
            i &+= Lane.scalarCount
        }
        return (
            SIMD3(a1.sum(), a2.sum(), a3.sum()), SIMD3(b1.sum(), b2.sum(), b3.sum()), SIMD3(c1.sum(), c2.sum(), c3.sum())
        )
    }

    /// The power sums at μ; the reciprocals 1/(λ_i + μ) are kept in the reciprocal row for
    /// ``refine(_:mu:)``.
    mutating func powerSums(mu: Double) -> PowerSums {
        reciprocalShift = mu
        let w = width
        return storage.withUnsafeMutableBufferPointer { buffer in
            let t = buffer.baseAddress!
            let lambda = t + Row.eigenvalue * w, reciprocal = t + Row.reciprocal * w
            let shift = Lane(repeating: mu), one = Lane(repeating: 1)
            var i = 0
            while i < w {
                let d = one / (Self.load(lambda, i) + shift)
                Self.store(d, reciprocal, i)
                i &+= Lane.scalarCount
            }
            let (beta2, uaRe, uaIm) = Self.threeRows(t, width: w, Row.beta2, Row.uaRe, Row.uaIm)
            let (ubRe, ubIm, aa) = Self.threeRows(t, width: w, Row.ubRe, Row.ubIm, Row.aa)
            let (bb, abRe, abIm) = Self.threeRows(t, width: w, Row.bb, Row.abRe, Row.abIm)
            var sums = PowerSums(c1: beta2[0], c2: beta2[1], c3: beta2[2])
            sums.u1 = SmallVector2(x: SmallComplex(uaRe[0], uaIm[0]), y: SmallComplex(ubRe[0], ubIm[0]))
            sums.u2 = SmallVector2(x: SmallComplex(uaRe[1], uaIm[1]), y: SmallComplex(ubRe[1], ubIm[1]))
            sums.u3 = SmallVector2(x: SmallComplex(uaRe[2], uaIm[2]), y: SmallComplex(ubRe[2], ubIm[2]))
            sums.s1 = Hermitian2x2(a: aa[0], b: bb[0], c: SmallComplex(abRe[0], abIm[0]))
            sums.s2 = Hermitian2x2(a: aa[1], b: bb[1], c: SmallComplex(abRe[1], abIm[1]))
            sums.s3 = Hermitian2x2(a: aa[2], b: bb[2], c: SmallComplex(abRe[2], abIm[2]))
            return sums
        }
    }

    /// The first power sums only (u₁, S₁) and c₂ = βᴴD⁻²β, for an evaluation without the Hessian
    /// (``evaluateStable(mu:)``); the reciprocals are kept as in ``powerSums(mu:)``.
    mutating func firstPowerSums(mu: Double) -> PowerSums {
        reciprocalShift = mu
        let w = width
        return storage.withUnsafeMutableBufferPointer { buffer in
            let t = buffer.baseAddress!
            let lambda = t + Row.eigenvalue * w, reciprocal = t + Row.reciprocal * w
            let beta2 = t + Row.beta2 * w, uaRe = t + Row.uaRe * w, uaIm = t + Row.uaIm * w, ubRe = t + Row.ubRe * w
            let ubIm = t + Row.ubIm * w, aa = t + Row.aa * w, bb = t + Row.bb * w, abRe = t + Row.abRe * w
            let abIm = t + Row.abIm * w
            let shift = Lane(repeating: mu), one = Lane(repeating: 1)
            var c1 = Lane(), c2 = Lane(), x0 = Lane(), x1 = Lane(), x2 = Lane(), x3 = Lane(), x4 = Lane(), x5 = Lane()
            var x6 = Lane(), x7 = Lane()
            var i = 0
            while i < w {
                let d = one / (Self.load(lambda, i) + shift)
                Self.store(d, reciprocal, i)
                let b = Self.load(beta2, i) * d
                c1 += b
                c2 += b * d
                x0 += Self.load(uaRe, i) * d
                x1 += Self.load(uaIm, i) * d
                x2 += Self.load(ubRe, i) * d
                x3 += Self.load(ubIm, i) * d
                x4 += Self.load(aa, i) * d
                x5 += Self.load(bb, i) * d
                x6 += Self.load(abRe, i) * d
                x7 += Self.load(abIm, i) * d
                i &+= Lane.scalarCount
            }
            var sums = PowerSums(c1: c1.sum(), c2: c2.sum())
            sums.u1 = SmallVector2(x: SmallComplex(x0.sum(), x1.sum()), y: SmallComplex(x2.sum(), x3.sum()))
            sums.s1 = Hermitian2x2(a: x4.sum(), b: x5.sum(), c: SmallComplex(x6.sum(), x7.sum()))
            return sums
        }
    }

    /// Σ|z_i|², Σ p̄_a,i z_i, Σ p̄_a',i z_i of f's coordinates z = D⁻¹(β + p_aπ₁ + p_a'π₂) in U,
    /// with the stored reciprocals (padding terms are zero). Two simple passes (z into its rows,
    /// then the sums): one fused loop is compiled into scalar shuffles (measured, O22).
    mutating func coordinateSums(pi: SmallVector2) -> (Double, SmallComplex, SmallComplex) {
        let w = width
        return storage.withUnsafeMutableBufferPointer { buffer in
            let t = buffer.baseAddress!
            let p1r = Lane(repeating: pi.x.re), p1i = Lane(repeating: pi.x.im)
            let p2r = Lane(repeating: pi.y.re), p2i = Lane(repeating: pi.y.im)
            let reciprocal = t + Row.reciprocal * w, betaRe = t + Row.betaRe * w, betaIm = t + Row.betaIm * w
            let paRe = t + Row.paRe * w, paIm = t + Row.paIm * w, pbRe = t + Row.pbRe * w, pbIm = t + Row.pbIm * w
            let zRe = t + Row.zRe * w, zIm = t + Row.zIm * w
            var n2 = Lane()
            var i = 0
            while i < w {
                let d = Self.load(reciprocal, i)
                let par = Self.load(paRe, i), pai = Self.load(paIm, i), pbr = Self.load(pbRe, i), pbi = Self.load(pbIm, i)
                let zr = d * (Self.load(betaRe, i) + (par * p1r - pai * p1i) + (pbr * p2r - pbi * p2i))
                let zi = d * (Self.load(betaIm, i) + (par * p1i + pai * p1r) + (pbr * p2i + pbi * p2r))
                n2 += zr * zr + zi * zi
                Self.store(zr, zRe, i)
                Self.store(zi, zIm, i)
                i &+= Lane.scalarCount
            }
            var qar = Lane(), qai = Lane(), qbr = Lane(), qbi = Lane()
            i = 0
            while i < w {
                let zr = Self.load(zRe, i), zi = Self.load(zIm, i)
                let par = Self.load(paRe, i), pai = Self.load(paIm, i), pbr = Self.load(pbRe, i), pbi = Self.load(pbIm, i)
                qar += par * zr + pai * zi
                qai += par * zi - pai * zr
                qbr += pbr * zr + pbi * zi
                qbi += pbr * zi - pbi * zr
                i &+= Lane.scalarCount
            }
            return (n2.sum(), SmallComplex(qar.sum(), qai.sum()), SmallComplex(qbr.sum(), qbi.sum()))
        }
    }

    @inline(__always) private static func store(_ v: Lane, _ p: UnsafeMutablePointer<Double>, _ i: Int) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, toByteOffset: i &* MemoryLayout<Double>.stride, as: Lane.self)
    }
}

extension SensingDual {
    /// ζ = D⁻¹(β + x) − x/μ, x = p_aπ̃₁ + p_a'π̃₂ (π̃ = Lw; the last term only with a null space), of
    /// the accepted point, interleaved into `z`: from the rows its evaluation left (the reciprocals
    /// at `mu`, and f's coordinates D⁻¹(β + x) of ``refine(_:mu:)`` when ν > 0), no new pass over λ.
    func beamCoordinates(mu: Double, point p: Point, into z: UnsafeMutablePointer<Double>) {
        precondition(mu == reciprocalShift, "beamCoordinates after the power sums of another μ")
        let r = rank, w = width
        let inverseMu = hasNullSpace && mu > 0 ? 1 / mu : 0
        let pi = factor.times(p.w)
        storage.withUnsafeBufferPointer { buffer in
            let t = buffer.baseAddress!
            guard p.nu > 0 else {
                let d = t + Row.reciprocal * w, betaRe = t + Row.betaRe * w, betaIm = t + Row.betaIm * w
                for i in 0..<r {
                    z[2 * i] = d[i] * betaRe[i]
                    z[2 * i + 1] = d[i] * betaIm[i]
                }
                return
            }
            let zRe = t + Row.zRe * w, zIm = t + Row.zIm * w
            guard inverseMu > 0 else {
                for i in 0..<r {
                    z[2 * i] = zRe[i]
                    z[2 * i + 1] = zIm[i]
                }
                return
            }
            let paRe = t + Row.paRe * w, paIm = t + Row.paIm * w, pbRe = t + Row.pbRe * w, pbIm = t + Row.pbIm * w
            for i in 0..<r {
                let xr = (paRe[i] * pi.x.re - paIm[i] * pi.x.im) + (pbRe[i] * pi.y.re - pbIm[i] * pi.y.im)
                let xi = (paRe[i] * pi.x.im + paIm[i] * pi.x.re) + (pbRe[i] * pi.y.im + pbIm[i] * pi.y.re)
                z[2 * i] = zRe[i] - xr * inverseMu
                z[2 * i + 1] = zIm[i] - xi * inverseMu
            }
        }
    }
}
