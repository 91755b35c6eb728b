import Dispatch

/// The Baseline stage: fed the raw bytes chunk by chunk, it compresses them under every setting at
/// once and verifies each size by decompressing.
///
/// Settings run concurrently on each chunk, one worker per setting, so a level sweep costs about
/// as much wall time as its slowest member.
public final class BaselineStage {
  private let runs: [VerifiedCompression]
  private var spans = 0
  private var rawBytes = 0

  public init(settings: [CodecSetting]) throws {
    runs = try settings.map { try VerifiedCompression($0) }
  }

  /// Feeds the next chunk of the raw file, holding `spanCount` whole spans.
  public func feed(_ chunk: [UInt8], spanCount: Int) throws {
    spans += spanCount
    rawBytes += chunk.count
    let runs = self.runs
    let failures = FailureSlot()
    chunk.withUnsafeBytes { buffer in
      nonisolated(unsafe) let bytes = buffer
      DispatchQueue.concurrentPerform(iterations: runs.count) { index in
        do { try runs[index].feed(bytes) } catch { failures.record(error) }
      }
    }
    try failures.rethrow()
  }

  /// Finishes every stream and returns the verified sizes.
  public func finish() throws -> BaselineResult {
    let runs = self.runs
    let failures = FailureSlot()
    DispatchQueue.concurrentPerform(iterations: runs.count) { index in
      do { try runs[index].finish() } catch { failures.record(error) }
    }
    try failures.rethrow()
    return BaselineResult(
      rawBytes: rawBytes, spans: spans,
      rows: runs.map { .init(setting: $0.setting, compressedBytes: $0.compressedBytes) })
  }
}

extension VerifiedCompression: @unchecked Sendable {}
