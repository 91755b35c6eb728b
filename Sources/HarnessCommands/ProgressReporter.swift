import Foundation
import Reports
import Runner

/// Progress of a long run on stderr — stage, traces per second, bytes and time left — redrawn at
/// most twice a second. Silent unless stderr is a terminal and CI is unset, so logs and the
/// committed report never see it.
final class ProgressReporter: GenerationProgress, @unchecked Sendable {
  private let totalTraces: Int
  private let enabled: Bool
  private let startNanos = DispatchTime.now().uptimeNanoseconds
  private var lastDrawNanos: UInt64 = 0
  private var drew = false

  init(totalTraces: Int, quiet: Bool) {
    self.totalTraces = totalTraces
    enabled =
      !quiet && isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
  }

  /// Reports `traces` generated and `bytes` written so far.
  func update(traces: Int, bytes: Int) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    guard now - lastDrawNanos > 500_000_000 || traces == totalTraces else { return }
    lastDrawNanos = now
    let seconds = Double(now - startNanos) / 1e9
    let rate = seconds > 0 ? Double(traces) / seconds : 0
    let remaining = rate > 0 ? Double(totalTraces - traces) / rate : 0
    let line =
      "\rphase0: \(NumberText.grouped(traces))/\(NumberText.grouped(totalTraces)) traces, "
      + "\(NumberText.grouped(rate)) traces/s, \(NumberText.fixed(Double(bytes) / 1e6, 1)) MB, "
      + "ETA \(NumberText.fixed(remaining, 0)) s   "
    FileHandle.standardError.write(Data(line.utf8))
    drew = true
  }

  /// Ends the progress line.
  func finish() {
    if drew { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}
