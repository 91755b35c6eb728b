extension Topology {
  /// The range a topology number must lie in, and how a message states it.
  ///
  /// The generator turns these numbers into Int64 nanoseconds; outside the ranges the conversion
  /// overflows and traps (a mean latency of 1e12 ms) or the clock runs past 2262 within a run of
  /// the largest `--traces` (1e-300 arrivals per second), so they are refused at load time.
  public struct Limit: Sendable {
    public var range: ClosedRange<Double>
    public var text: String

    /// 1 µs to 1 minute of own work: a span draws up to 10× its mean, and a trace of a thousand
    /// sequential spans of a minute each still ends within Int64 nanoseconds of today.
    public static let meanLatencyMillis = Limit(
      range: 0.001...60_000, text: "0.001–60,000 ms (1 µs to 1 minute)")
    /// 100 million traces at 0.1 per second span 32 years, which Int64 nanoseconds from 2023 hold
    /// with room; above 10^9 per second the mean gap rounds to 0 ns.
    public static let arrivalsPerSecond = Limit(
      range: 0.1...1_000_000_000, text: "0.1–1,000,000,000 requests per second")
    /// Weights are only compared with each other; the bounds keep their sum finite.
    public static let routeWeight = Limit(range: 0.000001...1_000_000, text: "0.000001–1,000,000")
  }
}
