/// A run of whole spans in file order: their JSON lines, concatenated, and the spans themselves.
///
/// The unit the pipeline hands from the generator to every stage: about 1 MiB, so each worker's
/// queue holds a few megabytes however long the run, and a job is long enough that handing it over
/// costs nothing next to it.
struct SpanBatch: Sendable {
  static let targetBytes = 1 << 20

  var bytes: [UInt8] = []
  /// Empty when no stage reads spans (`harness generate`): holding them would keep their traces.
  var spans: [EmittedSpan] = []
  var spanCount = 0
  private let keepsSpans: Bool

  init(keepingSpans keepsSpans: Bool) {
    self.keepsSpans = keepsSpans
    bytes.reserveCapacity(Self.targetBytes + 65_536)
    if keepsSpans { spans.reserveCapacity(4_096) }
  }

  var isFull: Bool { bytes.count >= Self.targetBytes }

  mutating func append(_ span: EmittedSpan) {
    bytes.append(contentsOf: span.line)
    spanCount += 1
    if keepsSpans { spans.append(span) }
  }
}

/// A stage that takes span batches on a worker thread of its own, in order.
///
/// The stage is confined to the worker until `finish`, which waits for the queued batches and then
/// hands the stage to `body` on the calling thread.
final class BatchWorker<Stage>: @unchecked Sendable {
  private let label: String
  private let stage: Stage
  private let worker: SerialWorker
  private let consume: (Stage, SpanBatch) throws -> Void

  init(
    _ label: String, _ stage: Stage, weight: SerialWorker.Weight = .light,
    consume: @escaping (Stage, SpanBatch) throws -> Void
  ) {
    self.label = label
    self.stage = stage
    worker = SerialWorker(label: label, weight: weight)
    self.consume = consume
  }

  /// The worker's CPU time, under `label`.
  var timing: RunTiming.Stage { worker.stage(label) }

  func take(_ batch: SpanBatch) throws {
    try worker.submit { try self.consume(self.stage, batch) }
  }

  func finish<Result>(_ body: (Stage) throws -> Result) throws -> Result {
    try worker.drain()
    return try body(stage)
  }
}
