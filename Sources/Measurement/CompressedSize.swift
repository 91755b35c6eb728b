import Codecs
import TraceModel

/// One compressor setting over a whole stream, verified by decompressing: one row of a baseline.
public final class CompressedSize: BatchSink {
  private let compression: VerifiedCompression
  private(set) var rawBytes = 0
  private(set) var spans = 0

  public init(_ setting: CodecSetting) throws {
    compression = try VerifiedCompression(setting)
  }

  public var setting: CodecSetting { compression.setting }
  public var label: String { setting.description }
  public var isSlow: Bool { setting.isSlow }

  public func consume(_ batch: SpanBatch) throws {
    rawBytes += batch.bytes.count
    spans += batch.spanCount
    try batch.bytes.withUnsafeBytes { try compression.feed($0) }
  }

  public func endOfStream() throws { _ = try compression.finish() }

  public var row: BaselineResult.Row {
    BaselineResult.Row(setting: setting, compressedBytes: compression.compressedBytes)
  }
}

/// The Baseline of one stream: every setting of a sweep, each a sink of its own so they run side by
/// side, and the raw size.
public struct Baseline {
  public let sinks: [CompressedSize]
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
