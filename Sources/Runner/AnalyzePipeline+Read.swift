import Foundation
import TraceFormats

/// What `harness analyze --read-only` measured: the inputs read exactly as an analysis reads them,
/// with nothing compressed or written.
public struct ReadResult: Sendable {
  /// The input files' names, in reading order.
  public var fileNames: [String]
  /// All files as one dataset, structure findings included.
  public var read: ReadSummary
  /// Each file's own summary, in `fileNames` order.
  public var fileReads: [ReadSummary]
  /// The spans re-written as harness JSONL, as the potentials would see them.
  public var jsonlBytes: Int
  /// Where the time went; terminal only.
  public var timing: RunTiming
}

extension AnalyzePipeline {
  /// Reads `inputs` as `run` does (each file on its own: parse, normalize, structure checks, the
  /// JSONL re-write) and drops the batches: the reader's own speed, which the scale target of
  /// issue 11 is stated in.
  public static func read(
    inputs: TraceInputs, format: TraceFormat?, timeUnit: TimestampUnit? = nil
  ) throws -> ReadResult {
    let startNanos = RunTiming.nowNanos
    var reads: [ReadSummary] = []
    var fileReads: [ReadSummary] = []
    var jsonlBytes = 0
    var workers: [RunTiming.Share] = []
    for url in inputs.files {
      var source = FileSource(inputs: try TraceInputs([url.path]), format: format, timeUnit: timeUnit)
      try source.run { _ in }
      guard let read = source.summary else {
        throw RunnerError("\(url.lastPathComponent): the read ended without its summary")
      }
      reads.append(read)
      fileReads += source.fileSummaries
      jsonlBytes += source.jsonlBytes
      for share in source.shares {
        if let index = workers.firstIndex(where: { $0.name == share.name }) {
          workers[index].cpuSeconds += share.cpuSeconds
        } else {
          workers.append(share)
        }
      }
    }
    return ReadResult(
      fileNames: inputs.files.map(\.lastPathComponent), read: ReadSummary.dataset(reads),
      fileReads: fileReads, jsonlBytes: jsonlBytes,
      timing: RunTiming(startedAt: startNanos, workers: workers, rest: "reading, checks and batching"))
  }
}
