import Codecs
import Measurement
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
  private var writer: OTLPProtobufWriter
  /// The first ID OTLP cannot carry: the stream stops there, and its rows are not measured.
  private(set) var unmappable: IDMappingError?

  /// `wholeRequestsEvery` above 1: the requests between are length-only records
  /// (`OTLPProtobufWriter`), for per-request rows that compress one in that many.
  init(spansPerRequest: Int = OTLPJSONWriter.defaultSpansPerRequest, wholeRequestsEvery: Int = 1) {
    writer = OTLPProtobufWriter(spansPerRequest: spansPerRequest, wholeRequestsEvery: wholeRequestsEvery)
  }

  private var chunk: [UInt8] = []
  private var pendingSpans = 0

  func transform(_ batch: SpanBatch) throws -> SpanBatch? {
    guard unmappable == nil else { return nil }
    do {
      for line in batch.spans {
        try writer.append(line.span, into: &chunk)
        pendingSpans += 1
      }
    } catch let error as IDMappingError {
      unmappable = error
      return nil
    }
    return chunk.count >= SpanBatch.targetBytes ? take() : nil
  }

  func finish() throws -> SpanBatch? {
    guard unmappable == nil else { return nil }
    do {
      try writer.finish(into: &chunk)
    } catch let error as IDMappingError {
      unmappable = error
      return nil
    }
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

/// The sinks of the OTLP protobuf row set, and the derived streams they consume: requests of 512
/// spans (whole-stream rows, the per-request rows of that size, and the dataset file for
/// `--format otlp-proto`), and requests of 8,192 spans (their per-request rows). Only the 8,192-span
/// stream's per-request rows read it, so only the requests they sample are written whole there.
struct ProtobufSinks {
  let whole: Baseline
  let perRequest: [PerRequestSize]
  private let streams: [OTLPProtobufStream]

  /// `perRequestSampling`: one request in this many is compressed on its own.
  init(settings: [CodecSetting], perRequestSampling: Int) throws {
    whole = try Baseline(settings: settings)
    let sizes = ProtobufBaseline.spansPerRequest
    streams = sizes.indices.map {
      OTLPProtobufStream(spansPerRequest: sizes[$0], wholeRequestsEvery: $0 == 0 ? 1 : perRequestSampling)
    }
    perRequest = sizes.indices.flatMap { index in
      ProtobufBaseline.perRequestSettings.map {
        PerRequestSize(
          $0, spansPerRequest: sizes[index], sampling: perRequestSampling, lengthOnlyUnsampled: index != 0)
      }
    }
  }

  func declare(to runner: Runner, file: FileSink?) {
    for (index, spans) in ProtobufBaseline.spansPerRequest.enumerated() {
      let sized: [any BatchSink] = perRequest.filter { $0.spansPerRequest == spans }
      runner.derive(
        "otlp/proto \(spans)", streams[index],
        sinks: (index == 0 ? whole.allSinks + [file].compactMap { $0 } : []) + sized)
    }
  }

  var result: ProtobufRows {
    if let error = streams.lazy.compactMap(\.unmappable).first {
      return .unmappableID(id: error.id, kind: error.kind, reason: error.reason)
    }
    return .measured(ProtobufBaseline(whole: whole.result, perRequest: perRequest.map(\.result)))
  }

  /// Throws when the dataset file itself is protobuf and an ID could not be written.
  func checkWritten() throws {
    if let error = streams.lazy.compactMap(\.unmappable).first { throw error }
  }
}
