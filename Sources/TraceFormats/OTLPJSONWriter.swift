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
/// Spans read from OTLP carry their own kind, status, resource and scope, and those are written
/// instead (`writeRequest(_ request:)` keeps their grouping too): the rules above fill in only what a
/// source did not have.
///
/// The bytes depend only on the spans and `spansPerRequest`: keys in a fixed order, no dictionary
/// iterated. Memory holds one batch of spans.
public struct OTLPJSONWriter {
  public static let defaultSpansPerRequest = 512
  public static let scopeName = "trace-harness"

  private var batcher: RequestBatcher

  public init(spansPerRequest: Int = OTLPJSONWriter.defaultSpansPerRequest) {
    batcher = RequestBatcher(spansPerRequest: spansPerRequest)
  }

  var spansPerRequest: Int { batcher.spansPerRequest }

  /// Adds `span` to the batch; when the batch is full, appends its request line to `out`.
  public mutating func append(_ span: Span, into out: inout [UInt8]) throws {
    try batcher.append(span) { try Self.writeRequest($0, into: &out) }
  }

  /// Appends the request line of a partly filled batch, if there is one.
  public mutating func finish(into out: inout [UInt8]) throws {
    try batcher.finish { try Self.writeRequest($0, into: &out) }
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
    try writeRequestBody(
      TraceRequest(grouping: spans, defaultScope: InstrumentationScope(name: scopeName)), into: &out)
  }

  /// Appends `request` as one line: its groups as they are, for OTLP read from a file.
  ///
  /// Fields at their protobuf default are left out, as protobuf's JSON mapping does, except that
  /// a present but empty resource, scope or status is written as `{}`, so that presence survives.
  public static func writeRequest(_ request: TraceRequest, into out: inout [UInt8]) throws {
    let mark = out.count
    do {
      try writeRequestBody(request, into: &out)
    } catch {
      out.removeSubrange(mark...)
      throw error
    }
  }

  private static func writeRequestBody(_ request: TraceRequest, into out: inout [UInt8]) throws {
    out.append(contentsOf: #"{"resourceSpans":["#.utf8)
    for (groupIndex, group) in request.resourceSpans.enumerated() {
      if groupIndex > 0 { out.append(UInt8(ascii: ",")) }
      var members = JSONMembers(&out)
      if let resource = group.resource {
        members.key("resource", &out)
        var resourceMembers = JSONMembers(&out)
        if !resource.attributes.isEmpty {
          resourceMembers.key("attributes", &out)
          attributes(resource.attributes, &out)
        }
        resourceMembers.count("droppedAttributesCount", resource.droppedAttributesCount, &out)
        resourceMembers.close(&out)
      }
      members.key("scopeSpans", &out)
      try array(group.scopeSpans, &out, writeScopeSpans)
      members.string("schemaUrl", group.schemaURL, &out)
      members.close(&out)
    }
    out.append(contentsOf: "]}\n".utf8)
  }

  private static func writeScopeSpans(_ group: ScopeSpans, into out: inout [UInt8]) throws {
    var members = JSONMembers(&out)
    if let scope = group.scope {
      members.key("scope", &out)
      var scopeMembers = JSONMembers(&out)
      scopeMembers.string("name", scope.name, &out)
      scopeMembers.string("version", scope.version, &out)
      if !scope.attributes.isEmpty {
        scopeMembers.key("attributes", &out)
        attributes(scope.attributes, &out)
      }
      scopeMembers.count("droppedAttributesCount", scope.droppedAttributesCount, &out)
      scopeMembers.close(&out)
    }
    members.key("spans", &out)
    try array(group.spans, &out, writeSpan)
    members.string("schemaUrl", group.schemaURL, &out)
    members.close(&out)
  }

  /// `[item,item,…]`, each item written by `write`.
  private static func array<Item>(
    _ items: [Item], _ out: inout [UInt8], _ write: (Item, inout [UInt8]) throws -> Void
  ) throws {
    out.append(UInt8(ascii: "["))
    for (index, item) in items.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      try write(item, &out)
    }
    out.append(UInt8(ascii: "]"))
  }
}

/// The members of one JSON object being written: braces and commas, and the protobuf JSON
/// mapping's rule of leaving out fields at their default (empty strings, zero counts).
struct JSONMembers {
  private var isFirst = true

  init(_ out: inout [UInt8]) { out.append(UInt8(ascii: "{")) }

  mutating func key(_ key: StaticString, _ out: inout [UInt8]) {
    if !isFirst { out.append(UInt8(ascii: ",")) }
    isFirst = false
    out.append(UInt8(ascii: "\""))
    key.withUTF8Buffer { out.append(contentsOf: $0) }
    out.append(contentsOf: "\":".utf8)
  }

  mutating func string(_ key: StaticString, _ text: String, _ out: inout [UInt8]) {
    guard !text.isEmpty else { return }
    self.key(key, &out)
    SpanJSONWriter.string(text, &out)
  }

  /// A `uint32`, which protobuf's JSON mapping writes as a number.
  mutating func count(_ key: StaticString, _ number: UInt32, _ out: inout [UInt8]) {
    guard number != 0 else { return }
    self.key(key, &out)
    SpanJSONWriter.integer(Int64(number), &out)
  }

  func close(_ out: inout [UInt8]) { out.append(UInt8(ascii: "}")) }
}
