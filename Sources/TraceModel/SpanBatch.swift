/// A run of whole spans in file order: their JSON lines, concatenated, and the spans themselves.
///
/// The unit the pipeline hands from the generator to every stage: about 1 MiB, so each worker's
/// queue holds a few megabytes however long the run, and a job is long enough that handing it over
/// costs nothing next to it.
struct SpanBatch: Sendable {
  static let targetBytes = 1 << 20

  var bytes: [UInt8] = []
  /// Empty when no stage reads spans (`harness generate`): holding them would keep their traces.
  var spans: [SpanLine] = []
  var spanCount = 0
  private let keepsSpans: Bool

  init(keepingSpans keepsSpans: Bool) {
    self.keepsSpans = keepsSpans
    bytes.reserveCapacity(Self.targetBytes + 65_536)
    if keepsSpans { spans.reserveCapacity(4_096) }
  }

  var isFull: Bool { bytes.count >= Self.targetBytes }

  mutating func append(_ span: SpanLine) {
    bytes.append(contentsOf: span.bytes)
    spanCount += 1
    if keepsSpans { spans.append(span) }
  }
}
