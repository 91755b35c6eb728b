import Foundation

/// Where a run's time went: its wall time, the process's CPU time and each worker's share.
///
/// It varies from run to run and machine to machine, so it goes to the terminal and to an untracked
/// file under `output/`, never into a report.
public struct RunTiming: Sendable, Codable, Equatable {
  public var wallSeconds: Double
  public var cpuSeconds: Double
  /// CPU seconds per worker, slowest first, and under `rest` the process's CPU time not spent in a
  /// worker: the calling thread's (drawing or parsing spans, batching, finishing the analysis).
  public var shares: [Share]

  public struct Share: Sendable, Codable, Equatable {
    public var name: String
    public var cpuSeconds: Double
  }

  /// The monotonic clock a run's start is read from, in nanoseconds.
  static var nowNanos: UInt64 { DispatchTime.now().uptimeNanoseconds }

  /// No time measured: a result read back from its JSON, whose figures carry no timing.
  static let unmeasured = RunTiming(wallSeconds: 0, cpuSeconds: 0, shares: [])

  private init(wallSeconds: Double, cpuSeconds: Double, shares: [Share]) {
    self.wallSeconds = wallSeconds
    self.cpuSeconds = cpuSeconds
    self.shares = shares
  }

  /// The timing of a run that began at `startNanos` (`nowNanos`) and ends now.
  init(startedAt startNanos: UInt64, workers: [Share], rest: String) {
    wallSeconds = Double(Self.nowNanos - startNanos) / 1e9
    cpuSeconds = Self.processCPUSeconds()
    let rest = Share(
      name: rest,
      cpuSeconds: max(0, cpuSeconds - workers.reduce(0) { $0 + $1.cpuSeconds }))
    shares = (workers + [rest]).sorted { $0.cpuSeconds > $1.cpuSeconds }
  }

  private static func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
  }
}
