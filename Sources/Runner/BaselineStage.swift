import Codecs
import TraceModel

/// The Baseline stage: fed the raw bytes chunk by chunk, it compresses them under every setting at
/// once and verifies each size by decompressing.
///
/// Each setting runs on a `SerialWorker` of its own, so `feed` returns at once and the settings
/// proceed side by side with each other and with the rest of the pipeline: a level sweep costs
/// about as much wall time as its slowest member (zstd-19), not their sum.
public final class BaselineStage {
  private let runs: [(compression: VerifiedCompression, worker: SerialWorker)]
  private var spans = 0
  private var rawBytes = 0

  public init(settings: [CodecSetting]) throws {
    runs = try settings.map {
      (try VerifiedCompression($0), SerialWorker(label: $0.description, weight: SerialWorker.Weight($0)))
    }
  }

  /// Feeds the next chunk of the raw file, holding `spanCount` whole spans.
  ///
  /// The chunk is shared with the workers, not copied: the caller's next write to its array makes
  /// a fresh one.
  public func feed(_ chunk: [UInt8], spanCount: Int) throws {
    spans += spanCount
    rawBytes += chunk.count
    for (compression, worker) in runs {
      try worker.submit { try chunk.withUnsafeBytes { try compression.feed($0) } }
    }
  }

  /// Ends every stream, waits for the workers and returns the verified sizes.
  public func finish() throws -> BaselineResult {
    for (compression, worker) in runs { try worker.submit { try compression.finish() } }
    for (_, worker) in runs { try worker.drain() }
    return BaselineResult(
      rawBytes: rawBytes, spans: spans,
      rows: runs.map { .init(setting: $0.compression.setting, compressedBytes: $0.compression.compressedBytes) })
  }
}

extension BaselineStage {
  /// Each setting's worker, for the run's timing (`prefix` tells row sets apart).
  func stages(prefix: String = "") -> [RunTiming.Stage] {
    runs.map { $0.worker.stage(prefix + $0.compression.setting.description) }
  }
}

/// Confined to its worker: only that worker's jobs touch it until `drain` returns.
extension VerifiedCompression: @unchecked Sendable {}

