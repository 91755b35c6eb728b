import Codecs
import Foundation
import Measurement
import TraceFormats
import TraceModel

/// What `harness analyze` measured on existing trace files: plain figures.
///
/// Every figure merges (`merge(_:)`): several files are measured each on its own, as a shard,
/// and the dataset's result is the merge of theirs, which is also what `harness merge` makes of
/// the shards' JSON files.
public struct AnalyzeResult: Sendable, Equatable, Codable {
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
  /// What the figures were measured with; shards merge only when these are equal.
  public var options: AnalyzeOptions
  /// Where the time went; terminal only, and not part of the JSON.
  public var timing = RunTiming.unmeasured

  /// Everything but the timing, which varies from run to run and is no figure.
  private enum CodingKeys: String, CodingKey {
    case fileName, fileNames, read, fileReads, baseline, storedBytes, storedCompression, protobuf, traceStore,
      jsonlBytes, analysis, perSpan, options
  }
}

/// `analyze` as a run: the files' reader as the source; the potentials and per-span frames as
/// sinks of its spans re-written as JSONL; the Baseline as sinks of the files' bytes exactly as
/// stored, read beside it. The same loop as phase 0's, with another source.
public enum AnalyzePipeline {
  /// Analyses `inputs` as one dataset; `timeUnit` is the user's `--time-unit`; traces are
  /// grouped within blocks of `blockSpans` spans.
  ///
  /// Each file is measured on its own, as it is stored: compressed on its own, in its own blocks,
  /// with its own per-span dictionary and its own trace-store file. The dataset's result is the
  /// merge of the files' (`AnalyzeResult.merged`), the same code `harness merge` runs on their
  /// JSON files, so `analyze A B` and `merge A.json B.json` agree by construction.
  /// `protobufCodecs`: the settings of the OTLP protobuf stream as a whole; nil for `codecs`.
  /// `perSpanSampling`: one span in this many gets per-span frames; `perRequestSampling`: one
  /// request in this many is compressed on its own.
  public static func run(
    inputs: TraceInputs, format: TraceFormat?, timeUnit: TimestampUnit? = nil, codecs: [CodecSetting],
    protobufCodecs: [CodecSetting]? = nil, zstdLevel: Int = 19, perSpanSampling: Int = 1,
    perRequestSampling: Int = 1, blockSpans: Int = PotentialsAnalysis.fileBlockSpans
  ) throws -> AnalyzeResult {
    let startNanos = RunTiming.nowNanos
    for url in inputs.files where !FileManager.default.isReadableFile(atPath: url.path) {
      throw FormatError(file: url.lastPathComponent, line: nil, byteOffset: nil, problem: "cannot be read")
    }
    let options = AnalyzeOptions(
      codecs: codecs, protobufCodecs: protobufCodecs ?? codecs, analysisLevel: zstdLevel, blockSpans: blockSpans,
      perSpanSampling: perSpanSampling, perRequestSampling: perRequestSampling, format: format,
      timeUnit: timeUnit)
    var shards: [(name: String, result: AnalyzeResult)] = []
    var workers: [RunTiming.Share] = []
    for url in inputs.files {
      let (result, shares) = try run(file: url, options: options)
      shards.append((url.lastPathComponent, result))
      for share in shares {
        if let index = workers.firstIndex(where: { $0.name == share.name }) {
          workers[index].cpuSeconds += share.cpuSeconds
        } else {
          workers.append(share)
        }
      }
    }
    var result = try AnalyzeResult.merged(shards)
    result.timing = RunTiming(startedAt: startNanos, workers: workers, rest: "reading spans and the rest")
    return result
  }

  /// One file as one shard: the files' reader as the source; the potentials and per-span frames
  /// as sinks of its spans re-written as JSONL; the Baseline as sinks of the file's bytes exactly
  /// as stored, read beside it.
  private static func run(file url: URL, options: AnalyzeOptions) throws -> (AnalyzeResult, [RunTiming.Share]) {
    let inputs = try TraceInputs([url.path])
    let runner = Runner()
    let baseline = try Baseline(settings: options.codecs)
    runner.addBytes(of: inputs.files, sinks: baseline.allSinks)
    // A file's traces may arrive in several batches: they stay open to the end of their block.
    let analysis = try PotentialsAnalysis(
      closingCompleteTraces: false, blockSpans: options.blockSpans, zstdLevel: options.analysisLevel)
    let perSpan = try PerSpanZstd(level: options.analysisLevel, sampling: options.perSpanSampling)
    let proto = try ProtobufSinks(settings: options.protobufCodecs, perRequestSampling: options.perRequestSampling)
    proto.declare(to: runner, file: nil)
    let store = try TraceStoreFile()
    runner.add([analysis, perSpan, store])
    var source = FileSource(inputs: inputs, format: options.format, timeUnit: options.timeUnit)
    let shares = try runner.run(&source)
    var fileBaseline = baseline.result
    fileBaseline.spans = source.summary?.spanCount ?? 0
    let name = url.lastPathComponent
    guard let read = source.summary, let analysisResult = analysis.result,
      let perSpanResult = perSpan.result, let storeResult = store.result
    else { throw RunnerError("\(name): the run ended without its figures") }
    let result = AnalyzeResult(
      fileName: name, fileNames: [name], read: read, fileReads: source.fileSummaries, baseline: fileBaseline,
      storedBytes: Self.storedBytes(url), storedCompression: try Self.compression(url),
      protobuf: proto.result, traceStore: storeResult,
      jsonlBytes: source.jsonlBytes, analysis: analysisResult, perSpan: perSpanResult, options: options)
    return (result, shares + source.shares)
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
