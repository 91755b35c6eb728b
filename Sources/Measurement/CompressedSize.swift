import Codecs
import TraceModel

/// One compressor setting over a whole stream, verified by decompressing: one row of a baseline.
///
/// A batch marked `startsFile` after the stream has begun ends the stream and starts another:
/// several input files are measured as they are stored, each compressed on its own, and the row
/// is the sum of their verified sizes (what a user holding the files has on disk).
final class CompressedSize: BatchSink {
  let setting: CodecSetting
  private var compression: VerifiedCompression
  /// Verified sizes of the files already ended, summed.
  private var endedFilesCompressedBytes = 0
  private(set) var rawBytes = 0
  private(set) var spans = 0

  public init(_ setting: CodecSetting) throws {
    self.setting = setting
    compression = try VerifiedCompression(setting)
  }

  var label: String { setting.description }
  var isSlow: Bool { setting.isSlow }

  func consume(_ batch: SpanBatch) throws {
    if batch.startsFile, compression.rawBytes > 0 {
      endedFilesCompressedBytes += try compression.finish()
      compression = try VerifiedCompression(setting)
    }
    rawBytes += batch.bytes.count
    spans += batch.spanCount
    try batch.bytes.withUnsafeBytes { try compression.feed($0) }
  }

  func endOfStream() throws { _ = try compression.finish() }

  var row: BaselineResult.Row {
    BaselineResult.Row(
      setting: setting, compressedBytes: endedFilesCompressedBytes + compression.compressedBytes)
  }
}

/// The Baseline of one stream: every setting of a sweep, each a sink of its own so they run side by
/// side, and the raw size.
public struct Baseline {
  let sinks: [CompressedSize]
  private let raw = RawSize()

  public init(settings: [CodecSetting]) throws {
    sinks = try settings.map(CompressedSize.init)
  }

  /// The sinks to declare to the runner: the settings and the raw size.
  public var allSinks: [any BatchSink] { sinks + [raw] }

  public var result: BaselineResult {
    BaselineResult(rawBytes: raw.bytes, spans: raw.spans, rows: sinks.map(\.row))
  }
}

/// Counts a stream's bytes and spans, for a baseline with no setting at all (`generate`).
final class RawSize: BatchSink {
  private(set) var bytes = 0
  private(set) var spans = 0
  var label: String { "raw size" }
  var isSlow: Bool { false }

  func consume(_ batch: SpanBatch) throws {
    bytes += batch.bytes.count
    spans += batch.spanCount
  }

  func endOfStream() throws {}
}
