import Codecs
import Measurement
import OutputFiles
import TraceFormats
import TraceGeneration
import TraceModel

/// The OTLP/JSON row set: the same spans re-encoded as OTLP/JSON export requests, gathered into
/// 1 MiB chunks for the Baseline stage and, when the dataset is written as OTLP, the file.
final class OTLPBaseline {
  private var writer = OTLPJSONWriter()
  private var chunk: [UInt8] = []
  private var pendingSpans = 0
  private let stage: BaselineStage
  private let file: AtomicFile?

  init(settings: [CodecSetting], file: AtomicFile?) throws {
    stage = try BaselineStage(settings: settings)
    self.file = file
    chunk.reserveCapacity(SpanBatch.targetBytes + 65_536)
  }

  func add(_ spans: [SpanLine]) throws {
    for emitted in spans {
      try writer.append(emitted.span, into: &chunk)
      pendingSpans += 1
      if chunk.count >= SpanBatch.targetBytes { try flush() }
    }
  }

  func finish() throws -> BaselineResult {
    try writer.finish(into: &chunk)
    try flush()
    return try stage.finish()
  }

  /// The OTLP row set's compressor workers.
  var stages: [RunTiming.Stage] { stage.stages(prefix: "otlp ") }

  private func flush() throws {
    try file?.write(chunk)
    try stage.feed(chunk, spanCount: pendingSpans)
    chunk.removeAll(keepingCapacity: true)
    pendingSpans = 0
  }
}
