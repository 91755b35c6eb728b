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

  init(inputs: TraceInputs, format: TraceFormat?, timeUnit: TimestampUnit?) {
    self.inputs = inputs
    self.format = format
    self.timeUnit = timeUnit
  }

  mutating func run(_ emit: (SpanBatch) throws -> Void) throws {
    var batch = SpanBatch(keepingSpans: true)
    var jsonlBytes = 0
    var checker = StructureChecker()
    fileSummaries = try TraceFileReader.read(inputs: inputs, format: format, timeUnit: timeUnit) { span in
      checker.check(span)
      var line: [UInt8] = []
      let fields = SpanJSONWriter.write(span, into: &line)
      jsonlBytes += line.count
      batch.append(SpanLine(span: span, bytes: line[...], fieldBytes: fields))
      if batch.isFull {
        try emit(batch)
        batch = SpanBatch(keepingSpans: true)
      }
    }
    if !batch.isEmpty { try emit(batch) }
    var summary = ReadSummary.dataset(fileSummaries)
    summary.findings.merge(checker.finish())
    summary.tracesReopened = checker.tracesReopened
    self.summary = summary
    self.jsonlBytes = jsonlBytes
  }
}

/// Told how far generation is, for a progress line on a terminal (the executable's).
public protocol GenerationProgress: AnyObject {
  func update(traces: Int, bytes: Int)
  func finish()
}
