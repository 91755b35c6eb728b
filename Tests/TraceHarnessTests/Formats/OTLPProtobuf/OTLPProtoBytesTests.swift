import OTLPProto
import SwiftProtobuf
import Testing

@testable import TraceFormats
@testable import TraceModel

extension Formats {
  /// The writers' protobuf bytes, written straight from the model, against swift-protobuf's
  /// serialization of the same request as messages.
  @Suite struct OTLPProtoBytesTests {
    static func swiftProtobufBytes(_ request: TraceRequest) throws -> [UInt8] {
      try OTLPProtoEncoding.message(request).serializedBytes()
    }

    @Test func theSampleSerializesToSwiftProtobufsBytes() throws {
      let request = try #require(try RealSample.read.get().requests.first)
      let bytes = try OTLPProtobufWriter.messageBytes(request)
      #expect(bytes.count == 23_760_873)
      #expect(bytes == (try Self.swiftProtobufBytes(request)))
      try Self.expectGroupedAsARequest(request.spans)
    }

    /// Negative numbers, empty strings and values, nested values, links, a 16-digit trace id
    /// (widened), a UUID span id (cut to 8 bytes), upper-case hex, and a seed span's inferred kind
    /// and status.
    @Test func everyFieldAndDefaultSerializesToSwiftProtobufsBytes() throws {
      var full = Span(
        traceID: "4BF92F3577B34DA6A3CE929D0E0E4736", spanID: "1f7d6e6b-4a2c-4c1e-9a3b-0c1d2e3f4a5b",
        parentSpanID: "00f067aa0ba902b7", serviceName: "cart", operationName: "", startTimeNanos: 0,
        endTimeNanos: -5,
        tags: [
          Tag("", .string("")), Tag("n", .int(-3)), Tag("d", .double(-0.5)), Tag("b", .bool(false)),
          Tag("bytes", .bytes([])), Tag("e", .empty),
          Tag("a", .array([.int(1), .array([]), .kvlist([Tag("k", .bytes([0, 255]))]), .empty])),
        ],
        logs: [
          LogEvent(timestampNanos: 0, event: ""),
          LogEvent(timestampNanos: 7, event: "error", fields: [Tag("message", .string("boom"))]),
        ])
      full.kind = SpanKind(rawValue: -2)
      full.flags = 0x301
      full.status = SpanStatus(code: .init(rawValue: -1), message: "")
      full.droppedAttributesCount = 300
      full.droppedEventsCount = 1
      full.droppedLinksCount = 1 << 31
      var link = SpanLink(traceID: "c0ffee", spanID: "abcdef0123456789")
      link.flags = 1
      link.traceState = "k=v"
      link.attributes = [Tag("x", .int(Int64.min))]
      full.links = [link, SpanLink(traceID: "4bf92f3577b34da6a3ce929d0e0e4736", spanID: "1")]
      let seed = Span(
        traceID: "0af7651916cd43dd8448eb211c80319c", spanID: "b7ad6b7169203331", parentSpanID: nil,
        serviceName: "db", operationName: "query", startTimeNanos: 1, endTimeNanos: 2,
        tags: [Tag("db.system", .string("sql"))],
        logs: [LogEvent(timestampNanos: 1, event: "error", fields: [Tag("message", .string("lost"))])],
        statusCode: 1)
      let request = TraceRequest(resourceSpans: [
        ResourceSpans(resource: Resource(), schemaURL: "", scopeSpans: [ScopeSpans(scope: InstrumentationScope(), spans: [full])]),
        ResourceSpans(
          resource: Resource(attributes: [Tag("service.name", .string("db"))], droppedAttributesCount: 2),
          schemaURL: "s",
          scopeSpans: [
            ScopeSpans(scope: nil, schemaURL: "t", spans: [seed, seed]),
            ScopeSpans(scope: InstrumentationScope(name: "otel", version: "1", attributes: [Tag("q", .bool(true))], droppedAttributesCount: 9)),
          ]),
        ResourceSpans(resource: nil),
      ])
      let bytes = try OTLPProtobufWriter.messageBytes(request)
      #expect(bytes.count > 300)
      #expect(bytes == (try Self.swiftProtobufBytes(request)))
      try Self.expectGroupedAsARequest(request.spans + [full, seed, full])
      try Self.expectGroupedAsARequest([seed])
    }

    /// Flat spans written from their grouping where they lie give the bytes of the request
    /// `TraceRequest(grouping:)` builds of them, and the count without writing gives their length.
    static func expectGroupedAsARequest(_ spans: [Span]) throws {
      let scope = InstrumentationScope(name: OTLPJSONWriter.scopeName)
      let request = TraceRequest(grouping: spans, defaultScope: scope)
      let expected = try OTLPProtobufWriter.messageBytes(request)
      let grouping = RequestGrouping(spans, defaultScope: scope)
      var written = ProtoWriter()
      try OTLPProtoBytes.append(grouping, of: spans, to: &written)
      #expect(written.bytes == expected)
      #expect(OTLPProtoBytes.messageByteCount(grouping, of: spans) == expected.count)
    }

    @Test func anIDOTLPCannotHoldIsRefusedAsBefore() {
      let span = Span(
        traceID: "00000000000000000000000000000000", spanID: "b7ad6b7169203331", parentSpanID: nil,
        serviceName: "s", operationName: "o", startTimeNanos: 1, endTimeNanos: 2)
      let request = TraceRequest(resourceSpans: [ResourceSpans(resource: nil, scopeSpans: [ScopeSpans(scope: nil, spans: [span])])])
      #expect(throws: IDMappingError.self) { try OTLPProtobufWriter.messageBytes(request) }
    }
  }
}
