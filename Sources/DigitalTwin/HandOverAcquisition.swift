/// How the RSUs of a cell acquire a vehicle that crosses into it from the neighbouring cell (C6).
public enum HandOverAcquisition: String, Sendable, Equatable, Codable, CaseIterable {
    /// From the twin's own estimate: the posterior of the old cell's nearest RSU, mapped into each
    /// new RSU's (φ, d, v) with its covariance (``LinkTransfer``), updated with the new RSU's echo.
    case prediction
    /// As a vehicle entering the road: from the new RSU's first echo alone with the prior's
    /// covariance (T7), what a per-RSU tracker without the twin would do.
    case cold
}
