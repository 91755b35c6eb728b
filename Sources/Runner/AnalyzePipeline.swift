import Codecs
import Foundation
import Measurement
import OutputFiles
import TraceFormats
import TraceGeneration
import TraceModel

/// What `harness analyze` measured on an existing trace file.
public struct AnalyzeResult: Sendable {
  /// The file's name (not its path: reports carry nothing of this machine).
  public var fileName: String
  public var read: ReadSummary
  /// Baseline on the file's bytes exactly as given.
  public var baseline: BaselineResult
  /// Size of the same spans re-written as harness JSONL, which the potentials' raw shares divide.
  public var normalizedBytes: Int
  public var potentials: PotentialsSummary
  /// Where the time went; terminal only.
  public var timing: RunTiming
}

/// Baseline and Analysis on a trace file of any supported format.
///
/// Baseline reads the file's bytes as given; Analysis reads its spans through `TraceFileReader`,
/// normalized, and re-writes each as a JSONL line so every potential attributes its raw bytes the
/// same way as for generated data. As in phase 0 every stage has a worker thread: the file's bytes
/// go to the compressors from one, while this thread parses spans for the analysis and per-span
/// workers, so a run takes about as long as its slowest compressor.
public enum AnalyzePipeline {
  public static func run(
    url: URL, format: TraceFormat?, codecs: [CodecSetting], stated: [String: String] = [:],
    zstdLevel: Int = 19
  ) throws -> AnalyzeResult {
    let startNanos = RunTiming.nowNanos
    guard let handle = try? FileHandle(forReadingFrom: url) else {
      throw FormatError(file: url.lastPathComponent, line: nil, byteOffset: nil, problem: "cannot be read")
    }
    let baseline = try BaselineStage(settings: codecs)
    let feeder = SerialWorker(label: "file")
    try feeder.submit {
      defer { try? handle.close() }
      while let data = try handle.read(upToCount: SpanBatch.targetBytes), !data.isEmpty {
        try baseline.feed([UInt8](data), spanCount: 0)
      }
    }
    let analysis = try AnalysisWorkers(stated: stated, streaming: false, zstdLevel: zstdLevel)
    var batch = SpanBatch(keepingSpans: true)
    var normalizedBytes = 0
    var index = 0
    func ship() throws {
      try analysis.take(batch)
      batch = SpanBatch(keepingSpans: true)
    }
    let read = try TraceFileReader.read(url: url, format: format) { span in
      var line: [UInt8] = []
      let fields = SpanJSONWriter.write(span, into: &line)
      normalizedBytes += line.count
      batch.append(SpanLine(span: span, bytes: line[...], fieldBytes: fields))
      index += 1
      if batch.isFull { try ship() }
    }
    try ship()
    let (analysisResult, perSpanResult) = try analysis.finish()
    try feeder.drain()
    var fileBaseline = try baseline.finish()
    fileBaseline.spans = read.spanCount
    return AnalyzeResult(
      fileName: url.lastPathComponent, read: read, baseline: fileBaseline,
      normalizedBytes: normalizedBytes,
      potentials: PotentialsSummary(baseline: fileBaseline, analysis: analysisResult, perSpan: perSpanResult),
      timing: RunTiming(
        startedAt: startNanos,
        workers: baseline.stages() + analysis.timings + [feeder.stage("file")],
        rest: "reading spans and the rest"))
  }
}

/// Handed to the file's worker whole, and back once it is drained.
extension BaselineStage: @unchecked Sendable {}
