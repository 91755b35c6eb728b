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
  /// Baseline on the file's bytes exactly as given.
  public var baseline: BaselineResult
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
    runner.add([analysis, perSpan])
    var source = FileSource(url: url, format: format)
    let shares = try runner.run(&source)
    var fileBaseline = baseline.result
    fileBaseline.spans = source.summary?.spanCount ?? 0
    guard let read = source.summary, let analysisResult = analysis.result,
      let perSpanResult = perSpan.result
    else { throw RunnerError("\(url.lastPathComponent): the run ended without its figures") }
    return AnalyzeResult(
      fileName: url.lastPathComponent, read: read, baseline: fileBaseline,
      jsonlBytes: source.jsonlBytes, analysis: analysisResult, perSpan: perSpanResult,
      timing: RunTiming(startedAt: startNanos, workers: shares, rest: "reading spans and the rest"))
  }
}
