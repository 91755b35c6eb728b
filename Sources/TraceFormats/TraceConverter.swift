import Foundation
import TraceModel

/// What `harness convert` writes.
public enum ConversionTarget: String, Sendable, CaseIterable {
  /// Length-prefixed OTLP protobuf records, the Collector file exporter's `format: proto`.
  case otlpProto = "otlp-proto"
  /// OTLP/JSON, one `ExportTraceServiceRequest` per line.
  case otlpJSON = "otlp-json"
  /// The seed's JSONL, one span per line.
  case jsonl
}

/// The outcome of a conversion: what was read, what was written, and what the target could not
/// hold, so that nothing is lost without the user being told.
public struct ConversionResult: Sendable {
  public var read: ReadSummary
  public var requestCount = 0
  public var spanCount = 0
  public var outputBytes = 0
  /// What the target format dropped, counted: "kind of 86,583 spans".
  public var dropped = SeedProjection.Losses()
}

/// Converts a trace file of any readable format into a `ConversionTarget`, a request at a time.
///
/// OTLP sources keep their requests and grouping into either OTLP target, which holds every field
/// of the model; from other sources requests hold `OTLPJSONWriter.defaultSpansPerRequest` spans.
/// The JSONL target holds the seed's fields only: `SeedProjection` says what it drops.
public enum TraceConverter {
  public static func convert(
    _ input: URL, format: TraceFormat?, to target: ConversionTarget,
    write: ([UInt8]) throws -> Void
  ) throws -> ConversionResult {
    var result = ConversionResult(
      read: ReadSummary(format: format ?? .jsonl, sourceTimestampUnit: .nanoseconds))
    var out: [UInt8] = []
    result.read = try TraceFileReader.readRequests(url: input, format: format) { request in
      result.requestCount += 1
      result.spanCount += request.spanCount
      switch target {
      case .otlpProto: try OTLPProtobufWriter.writeRecord(request, into: &out)
      case .otlpJSON: try OTLPJSONWriter.writeRequest(request, into: &out)
      case .jsonl:
        for span in request.spans {
          SpanJSONWriter.write(SeedProjection.project(span, losses: &result.dropped), into: &out)
        }
      }
      result.outputBytes += out.count
      try write(out)
      out.removeAll(keepingCapacity: true)
    }
    return result
  }
}
