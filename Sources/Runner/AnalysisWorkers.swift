import Codecs
import Measurement
import OutputFiles
import TraceFormats
import TraceGeneration
import TraceModel

/// The Analysis stage and the per-span frames, each on a worker of its own, fed the same batches:
/// what `phase0` and `analyze` both run beside their Baseline.
final class AnalysisWorkers {
  private let analysis: BatchWorker<AnalysisStage>
  private let perSpan: BatchWorker<PerSpanZstd>

  init(stated: [String: String], streaming: Bool, zstdLevel: Int) throws {
    // Both compress at the analysis level (the grouped stream, every span): at 16 and up they are
    // as heavy as the sweep's slowest setting.
    let weight = SerialWorker.Weight(CodecSetting(.zstd, level: zstdLevel))
    analysis = BatchWorker(
      "analysis", try AnalysisStage(stated: stated, streaming: streaming, zstdLevel: zstdLevel),
      weight: weight
    ) { analysis, batch in for span in batch.spans { try analysis.add(span) } }
    perSpan = BatchWorker("per-span", try PerSpanZstd(level: zstdLevel), weight: weight) {
      perSpan, batch in for span in batch.spans { try perSpan.add(span.bytes) }
    }
  }

  func take(_ batch: SpanBatch) throws {
    try analysis.take(batch)
    try perSpan.take(batch)
  }

  /// Waits for both workers and returns what they measured.
  func finish() throws -> (analysis: AnalysisResult, perSpan: PerSpanResult) {
    (try analysis.finish { try $0.finish() }, try perSpan.finish { try $0.finish() })
  }

  /// Both workers' CPU time.
  var timings: [RunTiming.Stage] { [analysis.timing, perSpan.timing] }
}
