import Foundation
import TraceFormats
import TraceGeneration
import TraceModel

/// The generator as a source: seeded traces in file order, each trace also counted for the
/// dataset's metadata.
struct GeneratedSource: SpanSource {
  let stream: DatasetStream
  let keepsSpans: Bool
  let progress: (any GenerationProgress)?
  private(set) var metadata: DatasetMetadataAccumulator

  init(stream: DatasetStream, keepingSpans keepsSpans: Bool, progress: (any GenerationProgress)?) {
    self.stream = stream
    self.keepsSpans = keepsSpans
    self.progress = progress
    metadata = DatasetMetadataAccumulator(topology: stream.generator.topology)
  }

  mutating func run(_ emit: (SpanBatch) throws -> Void) throws {
    var batch = SpanBatch(keepingSpans: keepsSpans)
    var traces = 0
    var bytes = 0
    var metadata = self.metadata
    defer { self.metadata = metadata }
    try stream.run(
      onTrace: {
        metadata.add($0)
        traces += 1
        progress?.update(traces: traces, bytes: bytes + batch.bytes.count)
      },
      onSpan: { line in
        batch.append(line)
        if batch.isFull {
          bytes += batch.bytes.count
          try emit(batch)
          batch = SpanBatch(keepingSpans: keepsSpans)
        }
      })
    if !batch.isEmpty { try emit(batch) }
    progress?.finish()
  }
}

/// Trace files as one source: their spans, normalized, each re-written as a JSONL line so every
/// potential attributes its bytes the same way as for generated data; each span also checked for
/// broken structure, whose findings join the reader's.
///
/// jsonl and seed files are decoded on one worker per core (`ParallelLineDecoding`), the re-write
/// and the structure check's hashes with them; the check runs in file order on a worker of
/// its own, beside the calling thread, which reads the chunks and gathers the batches. Other
/// formats are read on the calling thread.
struct FileSource: SpanSource {
  let inputs: TraceInputs
  let format: TraceFormat?
  let timeUnit: TimestampUnit?
  /// Each file's summary, in reading order.
  private(set) var fileSummaries: [ReadSummary] = []
  /// The files' summaries as one dataset, with `StructureChecker`'s findings merged in.
  private(set) var summary: ReadSummary?
  /// Size of the spans re-written as JSONL.
  private(set) var jsonlBytes = 0
  /// CPU time of the decoding and checking workers, which a run's timing shows apart from the
  /// calling thread's.
  private(set) var shares: [RunTiming.Share] = []

  /// Spans handed to the structure check at a time when a format is read span by span.
  static let checkedSpansPerJob = 4_096

  init(inputs: TraceInputs, format: TraceFormat?, timeUnit: TimestampUnit?) {
    self.inputs = inputs
    self.format = format
    self.timeUnit = timeUnit
  }

  mutating func run(_ emit: (SpanBatch) throws -> Void) throws {
    var batch = SpanBatch(keepingSpans: true)
    var jsonlBytes = 0
    let checking = Worker(label: "structure check")
    let checker = CheckerSlot()
    let decoders = (0..<ProcessInfo.processInfo.activeProcessorCount).map {
      Worker(label: "decode-\($0)")
    }
    defer {
      for worker in decoders + [checking] { try? worker.drain() }
      shares = [
        RunTiming.Share(name: "decoding lines", cpuSeconds: Double(decoders.reduce(0) { $0 + $1.busyNanos }) / 1e9),
        RunTiming.Share(name: "structure check", cpuSeconds: Double(checking.busyNanos) / 1e9),
      ]
    }
    func take(_ lines: [SpanLine], keys: [StructureChecker.SpanKey]) throws {
      try checking.submit {
        for key in keys { checker.value.check(key) }
      }
      // Indices rather than elements: iterating would copy every line once more.
      for index in lines.indices {
        jsonlBytes += lines[index].bytes.count
        batch.append(lines[index])
        if batch.isFull {
          try emit(batch)
          batch = SpanBatch(keepingSpans: true)
        }
      }
    }
    let decoding = ParallelLineDecoding(workers: decoders)
    fileSummaries = try inputs.files.map { url in
      if let file = try LineFile.open(url: url, format: format, timeUnit: timeUnit) {
        return try decoding.read(file, take)
      }
      var lines: [SpanLine] = []
      var keys: [StructureChecker.SpanKey] = []
      let summary = try TraceFileReader.read(url: url, format: format, timeUnit: timeUnit) { span in
        var line: [UInt8] = []
        let fields = SpanJSONWriter.write(span, into: &line)
        lines.append(SpanLine(span: span, bytes: line[...], fieldBytes: fields))
        keys.append(StructureChecker.key(span))
        if lines.count == Self.checkedSpansPerJob {
          try take(lines, keys: keys)
          lines.removeAll()
          keys.removeAll()
        }
      }
      try take(lines, keys: keys)
      return summary
    }
    if !batch.isEmpty { try emit(batch) }
    try checking.submit { checker.findings = checker.value.finish() }
    try checking.drain()
    var summary = ReadSummary.dataset(fileSummaries)
    summary.findings.merge(checker.findings)
    summary.tracesReopened = checker.value.tracesReopened
    self.summary = summary
    self.jsonlBytes = jsonlBytes
  }
}

/// The structure check, confined to its worker's thread; read once the worker has drained.
private final class CheckerSlot: @unchecked Sendable {
  var value = StructureChecker()
  var findings = StructureFindings()
}

/// Told how far generation is, for a progress line on a terminal (the executable's).
public protocol GenerationProgress: AnyObject {
  func update(traces: Int, bytes: Int)
  func finish()
}
