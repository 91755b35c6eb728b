/// A run of whole spans in stream order: their encoded bytes, concatenated, and the spans themselves.
///
/// The unit a source hands the runner and the runner hands every sink: about 1 MiB, so each worker's
/// queue holds a few megabytes however long the run, and a job is long enough that handing it over
/// costs nothing next to it. For the primary stream the bytes are the spans' JSONL lines; a derived
/// stream (the same spans as OTLP/JSON) or a file's bytes as given carry their own bytes and no spans.
public struct SpanBatch: Sendable {
  public static let targetBytes = 1 << 20

  public var bytes: [UInt8] = []
  /// Empty when no sink reads spans (`harness generate`): holding them would keep their traces.
  public var spans: [SpanLine] = []
  /// Whole spans the bytes hold (0 for a file's bytes as given, whose spans are not yet parsed).
  public var spanCount = 0
  /// Whether the bytes are the first of an input file (a file's bytes as given): a baseline
  /// compresses each of several input files on its own, as they are stored, and restarts here.
  public var startsFile = false
  private let keepsSpans: Bool

  public init(keepingSpans keepsSpans: Bool) {
    self.keepsSpans = keepsSpans
    bytes.reserveCapacity(Self.targetBytes + 65_536)
    if keepsSpans { spans.reserveCapacity(4_096) }
  }

  /// A batch of bytes alone.
  public init(bytes: [UInt8], spanCount: Int) {
    keepsSpans = false
    self.bytes = bytes
    self.spanCount = spanCount
  }

  public var isFull: Bool { bytes.count >= Self.targetBytes }
  public var isEmpty: Bool { bytes.isEmpty && spans.isEmpty }

  public mutating func append(_ span: SpanLine) {
    bytes.append(contentsOf: span.bytes)
    spanCount += 1
    if keepsSpans { spans.append(span) }
  }
}

/// A measurement (or a file) that consumes the batches of one stream in order, on one thread.
///
/// The runner owns the threads: a sink never starts one, and sees its batches one after another,
/// so it keeps its state without locks. Its result is read, by its owner, once the run returns.
public protocol BatchSink: AnyObject {
  /// Names the sink in the run's timing (`zstd-19`, `analysis`).
  var label: String { get }
  /// Whether the sink runs at about 1 MB/s (zstd from level 16): the runner gives it a thread alone.
  var isSlow: Bool { get }
  func consume(_ batch: SpanBatch) throws
  /// Called once after the last batch.
  func endOfStream() throws
}

/// Re-encodes the spans of a stream as another stream: the same spans as OTLP/JSON.
public protocol BatchTransform: AnyObject {
  /// The next batch of the derived stream, once enough has gathered; nil until then.
  func transform(_ batch: SpanBatch) throws -> SpanBatch?
  /// The rest of the derived stream.
  func finish() throws -> SpanBatch?
}
