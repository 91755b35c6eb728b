import TraceJSON
import TraceModel

/// Writes spans as OTLP/JSON that an OpenTelemetry Collector `otlpjson` file receiver reads: one
/// `ExportTraceServiceRequest` per line.
///
/// A request holds `spansPerRequest` spans (512 by default, the OpenTelemetry SDKs' batch span
/// processor's `maxExportBatchSize`, so the requests look like what SDKs send) in the order they
/// were appended; within it, one `resourceSpans` per service, in order of first appearance, each
/// with a `service.name` resource attribute and one scope, `trace-harness`.
///
/// Per span (`OTLPJSONWriter+Span.swift`): ids by `OTLPIDMapping`; `kind` CLIENT (3) for spans
/// with a `peer.service` or `db.system` tag (the generator's calls to databases and external
/// APIs, recorded on the caller's side), SERVER (2) for all others, roots included; times as
/// decimal strings; tags as typed attributes (`intValue` as a decimal string, as protobuf's JSON
/// mapping writes int64); logs as events with their fields as attributes; status 1 as code 2
/// (ERROR) with the message of the span's last `error` log (else "error"), status 0 as no status
/// (UNSET: OpenTelemetry instrumentation leaves OK to the application). Empty lists are left out.
///
/// The bytes depend only on the spans and `spansPerRequest`: keys in a fixed order, no dictionary
/// iterated. Memory holds one batch of spans.
public struct OTLPJSONWriter {
  public static let defaultSpansPerRequest = 512
  static let scopeName = "trace-harness"

  let spansPerRequest: Int
  private var pending: [Span] = []

  public init(spansPerRequest: Int = OTLPJSONWriter.defaultSpansPerRequest) {
    self.spansPerRequest = max(1, spansPerRequest)
    pending.reserveCapacity(self.spansPerRequest)
  }

  /// Adds `span` to the batch; when the batch is full, appends its request line to `out`.
  public mutating func append(_ span: Span, into out: inout [UInt8]) throws {
    pending.append(span)
    if pending.count == spansPerRequest { try flush(into: &out) }
  }

  /// Appends the request line of a partly filled batch, if there is one.
  public mutating func finish(into out: inout [UInt8]) throws {
    if !pending.isEmpty { try flush(into: &out) }
  }

  private mutating func flush(into out: inout [UInt8]) throws {
    defer { pending.removeAll(keepingCapacity: true) }
    try Self.writeRequest(pending, into: &out)
  }

  /// Appends one request holding exactly `spans`, and a newline.
  ///
  /// On an id `OTLPIDMapping` rejects it throws and leaves `out` as it was.
  static func writeRequest(_ spans: [Span], into out: inout [UInt8]) throws {
    let mark = out.count
    do {
      try writeRequestBody(spans, into: &out)
    } catch {
      out.removeSubrange(mark...)
      throw error
    }
  }

  private static func writeRequestBody(_ spans: [Span], into out: inout [UInt8]) throws {
    var services: [String] = []
    var members: [String: [Int]] = [:]  // looked up only; `services` gives the order
    for (index, span) in spans.enumerated() {
      if members[span.serviceName] == nil { services.append(span.serviceName) }
      members[span.serviceName, default: []].append(index)
    }
    out.append(contentsOf: #"{"resourceSpans":["#.utf8)
    for (serviceIndex, service) in services.enumerated() {
      if serviceIndex > 0 { out.append(UInt8(ascii: ",")) }
      out.append(
        contentsOf: #"{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"#
          .utf8)
      SpanJSONWriter.string(service, &out)
      out.append(contentsOf: #"}}]},"scopeSpans":[{"scope":{"name":"#.utf8)
      SpanJSONWriter.string(scopeName, &out)
      out.append(contentsOf: #"},"spans":["#.utf8)
      for (position, index) in members[service]!.enumerated() {
        if position > 0 { out.append(UInt8(ascii: ",")) }
        try writeSpan(spans[index], into: &out)
      }
      out.append(contentsOf: "]}]}".utf8)
    }
    out.append(contentsOf: "]}\n".utf8)
  }
}
