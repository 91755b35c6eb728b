import Foundation

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
}

/// Baseline and Analysis on a trace file of any supported format.
///
/// Baseline reads the file's bytes as given; Analysis reads its spans through `TraceFileReader`,
/// normalized, and re-writes each as a JSONL line so every potential attributes its raw bytes the
/// same way as for generated data.
public enum AnalyzePipeline {
  public static func run(
    url: URL, format: TraceFormat?, codecs: [CodecSetting], stated: [String: String] = [:],
    zstdLevel: Int = 19
  ) throws -> AnalyzeResult {
    let baseline = try measureFile(url, codecs: codecs)
    let analysis = try AnalysisStage(stated: stated, streaming: false, zstdLevel: zstdLevel)
    let perSpan = try PerSpanZstd(level: zstdLevel)
    var normalizedBytes = 0
    var line: [UInt8] = []
    var index = 0
    let read = try TraceFileReader.read(url: url, format: format) { span in
      line.removeAll(keepingCapacity: true)
      let fields = SpanJSONWriter.write(span, into: &line)
      normalizedBytes += line.count
      let emitted = EmittedSpan(span: span, line: line[...], fieldBytes: fields, traceIndex: index)
      index += 1
      try analysis.add(emitted)
      try perSpan.add(emitted.line)
    }
    var fileBaseline = baseline
    fileBaseline.spans = read.spanCount
    return AnalyzeResult(
      fileName: url.lastPathComponent, read: read, baseline: fileBaseline,
      normalizedBytes: normalizedBytes,
      potentials: PotentialsSummary(
        baseline: fileBaseline, analysis: try analysis.finish(), perSpan: try perSpan.finish()))
  }

  /// Streams the file's bytes through every compressor, 1 MiB at a time.
  private static func measureFile(_ url: URL, codecs: [CodecSetting]) throws -> BaselineResult {
    guard let handle = try? FileHandle(forReadingFrom: url) else {
      throw FormatError(file: url.lastPathComponent, line: nil, byteOffset: nil, problem: "cannot be read")
    }
    defer { try? handle.close() }
    let stage = try BaselineStage(settings: codecs)
    while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
      try stage.feed([UInt8](data), spanCount: 0)
    }
    return try stage.finish()
  }
}
