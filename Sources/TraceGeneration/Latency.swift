import TraceFormats
import TraceJSON
import TraceModel

/// Latency and failure details of a span, drawn per service kind.
enum Latency {
  /// Share of spans that are outliers, at 3–10× the mean.
  static let outlierProbability = 0.015

  /// A service's own work in nanoseconds: normal around the mean (standard deviation a quarter of
  /// it), 1.5% outliers at 3–10×, never below a fifth of the mean.
  static func ownWorkNanos(meanMillis: Double, using rng: inout SplitMix64) -> Int64 {
    var millis = meanMillis * (1 + 0.25 * rng.standardNormal())
    if rng.chance(outlierProbability) { millis = meanMillis * rng.uniform(3, 10) }
    millis = max(millis, meanMillis * 0.2)
    return Int64((millis * 1_000_000).rounded())
  }

  /// What a failing span of each kind logs.
  static let errorMessages: [Topology.Kind: [String]] = [
    .database: ["deadlock detected", "statement timeout", "connection reset by peer"],
    .internal: ["internal server error", "request timeout", "invalid state"],
    .external: ["upstream timeout", "connection refused", "HTTP 503 from provider"],
  ]
}
