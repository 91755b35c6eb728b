import OutputFiles
import TraceFormats
import TraceModel

/// The same spans as OTLP/JSON export requests, gathered into batches of about 1 MiB: the stream
/// the OTLP/JSON baseline rows (and an OTLP dataset file) are made of.
final class OTLPJSONStream: BatchTransform {
  private var writer = OTLPJSONWriter()
  private var chunk: [UInt8] = []
  private var pendingSpans = 0

  init() { chunk.reserveCapacity(SpanBatch.targetBytes + 65_536) }

  func transform(_ batch: SpanBatch) throws -> SpanBatch? {
    for line in batch.spans {
      try writer.append(line.span, into: &chunk)
      pendingSpans += 1
    }
    return chunk.count >= SpanBatch.targetBytes ? take() : nil
  }

  func finish() throws -> SpanBatch? {
    try writer.finish(into: &chunk)
    return chunk.isEmpty ? nil : take()
  }

  private func take() -> SpanBatch {
    defer {
      chunk = []
      chunk.reserveCapacity(SpanBatch.targetBytes + 65_536)
      pendingSpans = 0
    }
    return SpanBatch(bytes: chunk, spanCount: pendingSpans)
  }
}

/// The same spans as length-prefixed OTLP protobuf records, in batches of about 1 MiB: the stream
/// of an `otlp-proto` dataset file.
final class OTLPProtobufStream: BatchTransform {
  private var writer = OTLPProtobufWriter()
  private var chunk: [UInt8] = []
  private var pendingSpans = 0

  func transform(_ batch: SpanBatch) throws -> SpanBatch? {
    for line in batch.spans {
      try writer.append(line.span, into: &chunk)
      pendingSpans += 1
    }
    return chunk.count >= SpanBatch.targetBytes ? take() : nil
  }

  func finish() throws -> SpanBatch? {
    try writer.finish(into: &chunk)
    return chunk.isEmpty ? nil : take()
  }

  private func take() -> SpanBatch {
    defer {
      chunk = []
      pendingSpans = 0
    }
    return SpanBatch(bytes: chunk, spanCount: pendingSpans)
  }
}

/// Writes a stream's bytes to a file under its temporary name; the run's owner commits it.
final class FileSink: BatchSink {
  let file: AtomicFile
  init(_ file: AtomicFile) { self.file = file }

  var label: String { "dataset file" }
  var isSlow: Bool { false }
  func consume(_ batch: SpanBatch) throws { try file.write(batch.bytes) }
  func endOfStream() throws {}
}
