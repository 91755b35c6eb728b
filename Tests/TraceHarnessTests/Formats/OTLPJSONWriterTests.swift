import Foundation
import Testing

@testable import TraceModel
@testable import TraceJSON
@testable import TraceFormats
@testable import TraceGeneration
@testable import Codecs
@testable import Measurement
@testable import Runner
@testable import Reports
@testable import History
@testable import OutputFiles

extension Formats {
  @Suite struct OTLPJSONWriterTests {
    static let databaseCall = Span(
      traceID: "550e8400-e29b-41d4-a716-446655440000",
      spanID: "6ba7b810-9dad-41d1-80b4-00c04fd430c8",
      parentSpanID: "1b4e28ba-2fa1-41d2-883f-0016d3cca427", serviceName: "auth-db",
      operationName: "SELECT credentials", startTimeNanos: 1_698_000_000_000_000_000,
      endTimeNanos: 1_698_000_000_015_000_000,
      tags: [
        Tag("db.system", .string("postgresql")), Tag("peer.service", .string("auth-db")),
        Tag("rows", .int(3)), Tag("ratio", .double(0.5)), Tag("cached", .bool(false)),
      ],
      logs: [
        LogEvent(
          timestampNanos: 1_698_000_000_014_000_000, event: "error",
          fields: [Tag("message", .string("timeout"))])
      ],
      statusCode: 1)

    /// `span` as the OTLP reader gives it back: ids mapped, and what the writer filled in (kind,
    /// status, the service's resource and the harness's scope) now read as the span's own.
    static func mapped(_ span: Span) throws -> Span {
      var mapped = span
      mapped.traceID = try OTLPIDMapping.traceID(span.traceID)
      mapped.spanID = try OTLPIDMapping.spanID(span.spanID)
      mapped.parentSpanID = try span.parentSpanID.map(OTLPIDMapping.spanID)
      mapped.kind = SpanKind(rawValue: Int32(OTLPJSONWriter.kind(of: span)))
      mapped.status = OTLPJSONWriter.status(of: span)
      mapped.resource = Resource(attributes: [Tag("service.name", .string(span.serviceName))])
      mapped.scope = InstrumentationScope(name: OTLPJSONWriter.scopeName)
      return mapped
    }

    static func write(_ spans: [Span], spansPerRequest: Int) throws -> [UInt8] {
      var writer = OTLPJSONWriter(spansPerRequest: spansPerRequest)
      var out: [UInt8] = []
      for span in spans { try writer.append(span, into: &out) }
      try writer.finish(into: &out)
      return out
    }

    @Test func aSpanIsWrittenAsTheProtoJSONMappingSpellsIt() throws {
      var out: [UInt8] = []
      try OTLPJSONWriter.writeRequest([Self.databaseCall], into: &out)
      let expected =
        #"{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"auth-db"}}]},"#
        + #""scopeSpans":[{"scope":{"name":"trace-harness"},"spans":[{"traceId":"550e8400e29b41d4a716446655440000","#
        + #""spanId":"6ba7b8109dad41d1","parentSpanId":"1b4e28ba2fa141d2","name":"SELECT credentials","kind":3,"#
        + #""startTimeUnixNano":"1698000000000000000","endTimeUnixNano":"1698000000015000000","attributes":["#
        + #"{"key":"db.system","value":{"stringValue":"postgresql"}},{"key":"peer.service","value":{"stringValue":"auth-db"}},"#
        + #"{"key":"rows","value":{"intValue":"3"}},{"key":"ratio","value":{"doubleValue":0.5}},"#
        + #"{"key":"cached","value":{"boolValue":false}}],"events":[{"timeUnixNano":"1698000000014000000","name":"error","#
        + #""attributes":[{"key":"message","value":{"stringValue":"timeout"}}]}],"status":{"code":2,"message":"timeout"}}]}]}]}"#
        + "\n"
      #expect(String(decoding: out, as: UTF8.self) == expected)
      #expect(try JSONSerialization.jsonObject(with: Data(out)) is [String: Any])
    }

    @Test func generatedDatasetRoundTripsThroughTheOTLPReader() throws {
      let spans = try GeneratedSpans.sample(traces: 300)
      let bytes = try Self.write(spans, spansPerRequest: 100)
      let (read, summary) = try FormatFixtures.read("generated.otlp.jsonl", contents: bytes)
      #expect(summary.format == .otlp)
      #expect(summary.documentCount == (spans.count + 99) / 100)
      #expect(summary.normalizations.isEmpty)
      // Within a request spans are grouped by service, so compare in a fixed order.
      let key = { (span: Span) in span.traceID + span.spanID }
      #expect(
        read.sorted { key($0) < key($1) }
          == (try spans.map(Self.mapped)).sorted { key($0) < key($1) })
      #expect(SpanCensus(read) == SpanCensus(spans))
    }

    @Test func fixtureWithOrphanAndTypedTagsRoundTrips() throws {
      let spans = try FormatFixtures.read("spans.jsonl").spans
      let read = try FormatFixtures.read(
        "fixture.otlp.jsonl", contents: try Self.write(spans, spansPerRequest: 512), as: .otlp
      ).spans
      let key = { (span: Span) in span.traceID + span.spanID }
      #expect(
        read.sorted { key($0) < key($1) }
          == (try spans.map(Self.mapped)).sorted { key($0) < key($1) })
    }

    @Test func requestsHoldAFixedNumberOfSpansOneServiceEach() throws {
      let spans = try FormatFixtures.read("spans.jsonl").spans  // 6 spans, 5 services
      let lines = try Self.write(spans, spansPerRequest: 4).split(separator: 0x0A)
      #expect(lines.count == 2)
      let first = try #require(
        try JSONSerialization.jsonObject(with: Data(lines[0])) as? [String: Any])
      let resources = try #require(first["resourceSpans"] as? [[String: Any]])
      // api-gateway, user-service, auth-service, profile-db: first appearance order.
      #expect(resources.count == 4)
      let names = resources.map { resource in
        ((resource["resource"] as? [String: Any])?["attributes"] as? [[String: Any]])?.first?[
          "value"
        ]
        .flatMap { ($0 as? [String: Any])?["stringValue"] as? String }
      }
      #expect(names == ["api-gateway", "user-service", "auth-service", "profile-db"])
    }

    @Test func outputIsTheSameBytesEveryTime() throws {
      let spans = try GeneratedSpans.sample(traces: 40)
      #expect(try Self.write(spans, spansPerRequest: 7) == Self.write(spans, spansPerRequest: 7))
    }

    @Test func kindIsClientForCallsToDatabasesAndPeersAndServerOtherwise() {
      #expect(OTLPJSONWriter.kind(of: Self.databaseCall) == 3)
      var root = Self.databaseCall
      root.parentSpanID = nil
      root.tags = [Tag("http.method", .string("GET"))]
      #expect(OTLPJSONWriter.kind(of: root) == 2)
      root.tags.append(Tag("peer.service", .string("bank-api")))
      #expect(OTLPJSONWriter.kind(of: root) == 3)
    }

    @Test func statusMessageComesFromTheLastErrorLog() {
      var span = Self.databaseCall
      #expect(OTLPJSONWriter.statusMessage(of: span) == "timeout")
      span.logs = []
      #expect(OTLPJSONWriter.statusMessage(of: span) == "error")
    }

    @Test func anUnmappableIDThrowsAndLeavesTheOutputAsItWas() throws {
      var span = Self.databaseCall
      span.traceID = "trace-00000001-52c48291"
      var out = Array("kept\n".utf8)
      #expect(
        throws: IDMappingError(
          id: "trace-00000001-52c48291", kind: "trace", reason: "not hexadecimal")
      ) {
        try OTLPJSONWriter.writeRequest([Self.databaseCall, span], into: &out)
      }
      #expect(out == Array("kept\n".utf8))
    }

    @Test func idMappingFollowsItsDocumentation() throws {
      #expect(
        try OTLPIDMapping.traceID("550E8400-e29b-41d4-a716-446655440000")
          == "550e8400e29b41d4a716446655440000")
      #expect(
        try OTLPIDMapping.spanID("550e8400-e29b-41d4-a716-446655440000") == "550e8400e29b41d4")
      #expect(try OTLPIDMapping.traceID("5af7183fb1d4cf5f") == "00000000000000005af7183fb1d4cf5f")
      #expect(try OTLPIDMapping.spanID("52c48291a0f3b7e1") == "52c48291a0f3b7e1")
      #expect(try OTLPIDMapping.spanID("abc") == "0000000000000abc")
      #expect(throws: IDMappingError.self) {
        try OTLPIDMapping.spanID("00000000-0000-0000-0000-000000000000")
      }
      #expect(throws: IDMappingError.self) {
        try OTLPIDMapping.spanID(String(repeating: "a", count: 20))
      }
      #expect(throws: IDMappingError.self) {
        try OTLPIDMapping.traceID(String(repeating: "a", count: 33))
      }
      #expect(throws: IDMappingError.self) { try OTLPIDMapping.traceID("") }
    }

    /// `packed`, which the protobuf writer takes, against the hex text `traceID`/`spanID` give
    /// (or their error) for ids of every shape: UUIDs, short and long hex, either case, dashes
    /// anywhere, zeros, text that is not hex.
    @Test func packedIDsAreTheMappedHexDecoded() throws {
      var random = SplitMix64(seed: 5)
      let alphabet = Array("0123456789abcdefABCDEF-".utf8) + [UInt8(ascii: "0"), UInt8(ascii: "g")]
      var ids = ["", "-", "0", "00000000-0000-0000-0000-000000000000", "550e8400-e29b-41d4-a716-446655440000"]
      for _ in 0..<5_000 {
        let length = Int(random.next() % 40)
        ids.append(String(decoding: (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }, as: UTF8.self))
      }
      for id in ids {
        for (byteCount, mapping) in [(16, OTLPIDMapping.traceID), (8, OTLPIDMapping.spanID)] {
          let expected = (try? mapping(id)).map { Hex.decode($0.utf8)! }
          let packed = OTLPIDMapping.packed(id, byteCount: byteCount).map { high, low in
            (byteCount == 16 ? [high, low] : [low]).flatMap { half in
              stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: half >> $0) }
            }
          }
          #expect(packed == expected, "\(id), \(byteCount) bytes")
        }
      }
    }
  }
}
