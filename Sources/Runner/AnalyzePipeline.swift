import Codecs
import Foundation
import Measurement
import TraceFormats
import TraceModel

/// What `harness analyze` measured on existing trace files: plain figures.
public struct AnalyzeResult: Sendable {
  /// The file's name, or the first file's and how many more (not a path: reports carry nothing of
  /// this machine).
  public var fileName: String
  /// The input files' names, in reading order.
  public var fileNames: [String]
  /// All files as one dataset, structure findings included.
  public var read: ReadSummary
  /// Each file's own summary, in `fileNames` order.
  public var fileReads: [ReadSummary]
  /// Baseline on the files' bytes as given (decompressed, for a gzip or zstd file), each file
  /// compressed on its own, sizes summed.
  public var baseline: BaselineResult
  /// The file's size on disk, and how it is compressed ("none", "gzip", "zstd").
  public var storedBytes: Int
  public var storedCompression: String
  /// The same spans as OTLP protobuf, whole and per request.
  public var protobuf: ProtobufRows
  /// The trace-store file of the spans: the real lossless figure.
  public var traceStore: TraceStoreResult
  /// Size of the same spans re-written as harness JSONL, which the potentials' raw shares divide.
  public var jsonlBytes: Int
  public var analysis: AnalysisResult
  public var perSpan: PerSpanResult
  /// Where the time went; terminal only.
  public var timing: RunTiming
}

/// `analyze` as a run: the files' reader as the source; the potentials and per-span frames as
/// sinks of its spans re-written as JSONL; the Baseline as sinks of the files' bytes exactly as
/// stored, read beside it. The same loop as phase 0's, with another source.
public enum AnalyzePipeline {
  /// Analyses `inputs` as one dataset; `timeUnit` is the user's `--time-unit`; traces are
  /// grouped within blocks of `blockSpans` spans.
  public static func run(
    inputs: TraceInputs, format: TraceFormat?, timeUnit: TimestampUnit? = nil, codecs: [CodecSetting],
    zstdLevel: Int = 19, blockSpans: Int = PotentialsAnalysis.fileBlockSpans
  ) throws -> AnalyzeResult {
    let startNanos = RunTiming.nowNanos
    for url in inputs.files where !FileManager.default.isReadableFile(atPath: url.path) {
      throw FormatError(file: url.lastPathComponent, line: nil, byteOffset: nil, problem: "cannot be read")
    }
    let runner = Runner()
    let baseline = try Baseline(settings: codecs)
    runner.addBytes(of: inputs.files, sinks: baseline.allSinks)
    // A file's traces may arrive in several batches: they stay open to the end of their block.
    let analysis = try PotentialsAnalysis(
      closingCompleteTraces: false, blockSpans: blockSpans, zstdLevel: zstdLevel)
    let perSpan = try PerSpanZstd(level: zstdLevel)
    let proto = try ProtobufSinks(settings: codecs)
    proto.declare(to: runner, file: nil)
    let store = try TraceStoreFile()
    runner.add([analysis, perSpan, store])
    var source = FileSource(inputs: inputs, format: format, timeUnit: timeUnit)
    let shares = try runner.run(&source)
    var fileBaseline = baseline.result
    fileBaseline.spans = source.summary?.spanCount ?? 0
    let names = inputs.files.map(\.lastPathComponent)
    guard let read = source.summary, let analysisResult = analysis.result,
      let perSpanResult = perSpan.result, let storeResult = store.result
    else { throw RunnerError("\(names[0]): the run ended without its figures") }
    return AnalyzeResult(
      fileName: names.count == 1 ? names[0] : "\(names[0]) and \(names.count - 1) more",
      fileNames: names, read: read, fileReads: source.fileSummaries, baseline: fileBaseline,
      storedBytes: inputs.files.reduce(0) { $0 + Self.storedBytes($1) },
      storedCompression: try Set(inputs.files.map(Self.compression)).sorted().joined(separator: ", "),
      protobuf: proto.result, traceStore: storeResult,
      jsonlBytes: source.jsonlBytes, analysis: analysisResult, perSpan: perSpanResult,
      timing: RunTiming(
        startedAt: startNanos, workers: shares + source.shares, rest: "reading spans and the rest"))
  }

  /// Analyses one file; for callers with a single path.
  public static func run(
    url: URL, format: TraceFormat?, timeUnit: TimestampUnit? = nil, codecs: [CodecSetting],
    zstdLevel: Int = 19
  ) throws -> AnalyzeResult {
    try run(
      inputs: TraceInputs([url.path]), format: format, timeUnit: timeUnit, codecs: codecs,
      zstdLevel: zstdLevel)
  }

  private static func storedBytes(_ url: URL) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? 0
  }

  private static func compression(_ url: URL) throws -> String {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return "none" }
    return try DecompressingInput(handle: handle, fileName: url.lastPathComponent).compression.rawValue
  }
}
