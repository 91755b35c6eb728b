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

/// A trace file as a source: its spans, normalized, each re-written as a JSONL line so every
/// potential attributes its bytes the same way as for generated data.
struct FileSource: SpanSource {
  let url: URL
  let format: TraceFormat?
  private(set) var summary: ReadSummary?
  /// Size of the spans re-written as JSONL.
  private(set) var jsonlBytes = 0

  init(url: URL, format: TraceFormat?) {
    self.url = url
    self.format = format
  }

  mutating func run(_ emit: (SpanBatch) throws -> Void) throws {
    var batch = SpanBatch(keepingSpans: true)
    var jsonlBytes = 0
    summary = try TraceFileReader.read(url: url, format: format) { span in
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
    self.jsonlBytes = jsonlBytes
  }
}

/// Told how far generation is, for a progress line on a terminal (the executable's).
public protocol GenerationProgress: AnyObject {
  func update(traces: Int, bytes: Int)
  func finish()
}
