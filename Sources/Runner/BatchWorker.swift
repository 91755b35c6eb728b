import Codecs
import Measurement
import OutputFiles
import TraceFormats
import TraceGeneration
import TraceModel

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
