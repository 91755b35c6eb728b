import Codecs
import Foundation
import Measurement
import TraceFormats
import TraceModel

/// What `harness analyze` measured on an existing trace file: plain figures.
public struct AnalyzeResult: Sendable {
  /// The file's name (not its path: reports carry nothing of this machine).
  public var fileName: String
  public var read: ReadSummary
  /// Baseline on the file's bytes as given (decompressed, for a gzip or zstd file).
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

/// `analyze` as a run: the file's reader as the source; the potentials and per-span frames as sinks
/// of its spans re-written as JSONL; the Baseline as sinks of the file's bytes exactly as stored,
/// read beside it. The same loop as phase 0's, with another source.
public enum AnalyzePipeline {
  public static func run(
    url: URL, format: TraceFormat?, codecs: [CodecSetting], zstdLevel: Int = 19
  ) throws -> AnalyzeResult {
    let startNanos = RunTiming.nowNanos
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      throw FormatError(file: url.lastPathComponent, line: nil, byteOffset: nil, problem: "cannot be read")
    }
    let runner = Runner()
    let baseline = try Baseline(settings: codecs)
    runner.addBytes(of: [url], sinks: baseline.allSinks)
    // A file's traces may arrive in several batches: they stay open to its end.
    let analysis = try PotentialsAnalysis(closingCompleteTraces: false, zstdLevel: zstdLevel)
    let perSpan = try PerSpanZstd(level: zstdLevel)
    let proto = try ProtobufSinks(settings: codecs)
    proto.declare(to: runner, file: nil)
    let store = try TraceStoreFile(level: zstdLevel)
    runner.add([analysis, perSpan, store])
    var source = FileSource(url: url, format: format)
    let shares = try runner.run(&source)
    var fileBaseline = baseline.result
    fileBaseline.spans = source.summary?.spanCount ?? 0
    guard let read = source.summary, let analysisResult = analysis.result,
      let perSpanResult = perSpan.result, let storeResult = store.result
    else { throw RunnerError("\(url.lastPathComponent): the run ended without its figures") }
    return AnalyzeResult(
      fileName: url.lastPathComponent, read: read, baseline: fileBaseline,
      storedBytes: Self.storedBytes(url), storedCompression: try Self.compression(url),
      protobuf: proto.result, traceStore: storeResult,
      jsonlBytes: source.jsonlBytes, analysis: analysisResult, perSpan: perSpanResult,
      timing: RunTiming(startedAt: startNanos, workers: shares, rest: "reading spans and the rest"))
  }

  private static func storedBytes(_ url: URL) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) ?? 0
  }

  private static func compression(_ url: URL) throws -> String {
    guard let handle = try? FileHandle(forReadingFrom: url) else { return "none" }
    return try DecompressingInput(handle: handle, fileName: url.lastPathComponent).compression.rawValue
  }
}
