import ISACMath

extension ExtendedKalmanFilter {
    /// The paper's adaptive gain (29)-(30) made well defined (M6, T4).
    ///
    /// With the left inverse H_L⁻¹ = (HᵀH)⁻¹Hᵀ, (29) is the one-sample "prediction covariance"
    /// P = H_L⁻¹(eeᵀ − Q)H_L⁻ᵀ = (HᵀH)⁻¹[(Hᵀe)(Hᵀe)ᵀ − HᵀQH](HᵀH)⁻¹, generally indefinite; (30) is
    /// then the gain (26) with M̂ replaced by P. Here P is projected onto the PSD cone (P₊) and
    ///
    ///     K = P₊Hᵀ(Q + HP₊Hᵀ)⁻¹ = W·HᵀQ⁻¹,   W = P₊^{1/2}(I + P₊^{1/2} J P₊^{1/2})⁻¹P₊^{1/2},
    ///
    /// (push-through identity; W is symmetric PSD and needs only one 3×3 Cholesky). The state update
    /// is (31), x̃ = x̂ + W·s. (32) is not a covariance formula; the posterior covariance is the
    /// Joseph form for this gain, M̃ = (I − WJ)M̂(I − WJ)ᵀ + WJWᵀ (KH = WJ, KQKᵀ = WJW), a sum of
    /// PSD terms for any W, so M̃ is PSD by construction.
    ///
    /// HᵀH mixes units (φ, m, m/s), so its pseudo-inverse is taken after diagonal scaling; a column
    /// of H that vanishes (the speed at φ = 0, where the Doppler row has no v term) is unobserved
    /// and gets no correction.
    func adaptiveUpdate(_ prediction: GaussianEstimate, _ lin: RadarMeasurementModel.Linearization) -> UpdateResult {
        let hNu = 2 / 299_792_458.0
        let hMu = lin.dopplerRow
        let q = lin.noise
        // HᵀH, HᵀQH and Hᵀe, unweighted (paper's left inverse).
        let hth = Matrix3(
            symmetric: lin.responseGain + hMu.phi * hMu.phi, 0, hMu.phi * hMu.speed,
            hNu * hNu, 0, hMu.speed * hMu.speed)
        let hqh = Matrix3(
            symmetric: q.response / 2 * lin.responseGain + q.doppler * hMu.phi * hMu.phi, 0,
            q.doppler * hMu.phi * hMu.speed,
            q.delay * hNu * hNu, 0, q.doppler * hMu.speed * hMu.speed)
        let hte = Vector3(
            lin.responseScore + hMu.phi * lin.dopplerResidual, hNu * lin.delayResidual,
            hMu.speed * lin.dopplerResidual)
        let leftInverse = Self.scaledPseudoInverse(hth)
        let p = leftInverse.congruence(Matrix3.outer(hte, hte) - hqh)
        let eigen = SymmetricEigen3(p)
        let root = eigen.reconstructed { max($0, 0).squareRoot() }  // P₊^{1/2}
        let s = Matrix3.identity + root.congruence(lin.information)
        guard eigen.converged, let sFactor = Cholesky3(s), lin.score.isFinite else {
            return UpdateResult(posterior: prediction, status: .singular, linearization: lin, iterations: 1)
        }
        let w = root.congruence(sFactor.inverse)
        let iMinusWJ = Matrix3.identity - w * lin.information
        let covariance = iMinusWJ.congruence(prediction.covariance) + w.congruence(lin.information)
        let posterior = GaussianEstimate(mean: prediction.mean + w * lin.score, covariance: covariance)
        guard posterior.mean.isFinite, covariance.isFinite else {
            return UpdateResult(posterior: prediction, status: .singular, linearization: lin, iterations: 1)
        }
        return UpdateResult(posterior: posterior, status: .updated, linearization: lin, iterations: 1)
    }

    /// (A)⁺ for a symmetric PSD A with mixed units: D⁻¹(D⁻¹AD⁻¹)⁺D⁻¹ with D = diag(√a_ii); a zero
    /// diagonal entry marks an unobserved coordinate (row and column of the result are 0).
    static func scaledPseudoInverse(_ a: Matrix3) -> Matrix3 {
        let diag = a.diagonal
        var scale = Vector3.zero
        for i in 0..<3 { scale[i] = diag[i] > 0 ? 1 / diag[i].squareRoot() : 0 }
        let dInv = Matrix3.diagonal(scale.x, scale.y, scale.z)
        let normalised = dInv.congruence(a)
        return dInv.congruence(normalised.symmetricPseudoInverse(relativeTolerance: 1e-12))
    }
}
