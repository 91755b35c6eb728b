import Foundation
import OTLPProto
import SwiftProtobuf
import Testing

@testable import TraceFormats
@testable import TraceGeneration
@testable import TraceModel

extension Formats {
  /// The hand-written wire reader against swift-protobuf's parse and `OTLPProtoDecoding`, the
  /// reference: wherever the reader gives a group, it is the reference's group with the same
  /// normalizations, and where it declines the reference reads it, errors and notes as before.
  @Suite struct OTLPWireDecodingTests {
    /// Each group of `message` (a `TracesData`'s bytes) read both ways.
    static func bothWays(_ message: [UInt8]) throws -> [(
      wire: (ResourceSpans, [Normalization: Int])?, reference: (ResourceSpans, [Normalization: Int])
    )] {
      let ranges = try #require(OTLPProtobufReader.resourceSpansFields(message))
      return try ranges.enumerated().map { number, range in
        (
          OTLPWireDecoding.resourceSpans(message, range),
          try OTLPProtobufReader.referenceResourceSpans(message, range, number: number)
        )
      }
    }

    /// Every field of the `.proto` set, negative and extreme numbers, empty and nested values, a
    /// group without resource, a scope group without scope, a group without service name.
    static let everyField: TraceRequest = {
      var full = Span(
        traceID: "4bf92f3577b34da6a3ce929d0e0e4736", spanID: "00f067aa0ba902b7",
        parentSpanID: "a3ce929d0e0e4736", serviceName: "db", operationName: "", startTimeNanos: -1,
        endTimeNanos: Int64.max,
        tags: [
          Tag("", .string("")), Tag("n", .int(-3)), Tag("d", .double(-0.5)), Tag("b", .bool(false)),
          Tag("bytes", .bytes([0, 255])), Tag("e", .empty), Tag("ü", .string("π")),
          Tag("a", .array([.int(1), .array([]), .kvlist([Tag("k", .bytes([]))]), .empty])),
        ],
        logs: [
          LogEvent(timestampNanos: 0, event: ""),
          LogEvent(timestampNanos: 7, event: "error", fields: [Tag("message", .string("boom")), Tag("message", .int(2))]),
        ])
      full.kind = SpanKind(rawValue: -2)
      full.traceState = "a=b"
      full.flags = 0xFFFF_FFFF
      full.status = SpanStatus(code: .init(rawValue: -1), message: "")
      full.statusCode = 0
      full.droppedAttributesCount = 300
      full.droppedEventsCount = 1
      full.droppedLinksCount = 1 << 31
      full.logs[1].droppedAttributesCount = 4
      var link = SpanLink(traceID: "0af7651916cd43dd8448eb211c80319c", spanID: "b7ad6b7169203331")
      link.flags = 1
      link.traceState = "k=v"
      link.attributes = [Tag("x", .int(Int64.min)), Tag("x", .double(-.infinity))]
      link.droppedAttributesCount = 5
      full.links = [link, link]
      var errorSpan = full
      errorSpan.status = SpanStatus(code: .error, message: "failed")
      errorSpan.statusCode = 1
      errorSpan.parentSpanID = nil
      var unknown = errorSpan
      unknown.serviceName = "unknown"
      return TraceRequest(resourceSpans: [
        ResourceSpans(
          resource: Resource(attributes: [Tag("service.name", .string("db")), Tag("service.name", .int(1))], droppedAttributesCount: 2),
          schemaURL: "s",
          scopeSpans: [
            ScopeSpans(scope: nil, schemaURL: "t", spans: [full, errorSpan]),
            ScopeSpans(scope: InstrumentationScope(name: "otel", version: "1", attributes: [Tag("q", .bool(true))], droppedAttributesCount: 9)),
          ]),
        ResourceSpans(resource: nil, scopeSpans: [ScopeSpans(scope: InstrumentationScope(), spans: [unknown])]),
        ResourceSpans(resource: Resource(), scopeSpans: []),
      ])
    }()

    static var everyFieldBytes: [UInt8] { try! OTLPProtoEncoding.message(everyField).serializedBytes() }

    @Test func everyGroupOfTheSampleReadsAsTheReferenceReadsIt() throws {
      let groups = try Self.bothWays(Array(RealSample.messageBytes))
      #expect(groups.count == RealSample.message.resourceSpans.count)
      #expect(groups.count == 1_699)
      for (number, group) in groups.enumerated() {
        let wire = try #require(group.wire, "group \(number) declined")
        #expect(wire.0 == group.reference.0, "group \(number)")
        #expect(wire.1 == group.reference.1, "group \(number)")
      }
    }

    @Test func everyFieldAndDefaultReadsAsTheReferenceReadsIt() throws {
      let groups = try Self.bothWays(Self.everyFieldBytes)
      #expect(groups.count == 3)
      for group in groups {
        let wire = try #require(group.wire)
        #expect(wire.0 == group.reference.0)
        #expect(wire.1 == group.reference.1)
      }
      #expect(groups[1].wire?.1 == [.unknownServiceName: 1])
      #expect(TraceRequest(resourceSpans: groups.map(\.reference.0)) == Self.everyField)
    }

    /// Fields in an order of their own, as another producer may write them: the resource after
    /// its scope groups, a span's id after its attributes, a repeated string (the last counts).
    @Test func fieldsInAnyOrderReadAsTheReferenceReadsThem() throws {
      var value = ProtoWriter(), keyValue = ProtoWriter(), span = ProtoWriter()
      value.string("v", field: 1)
      keyValue.string("k", field: 1)
      keyValue.message(2, value.bytes)
      span.message(9, keyValue.bytes)
      span.message(2, Array(repeating: 7, count: 8))
      span.message(1, Array(repeating: 9, count: 16))
      span.string("a", field: 5)
      span.string("b", field: 5)
      var scopeGroup = ProtoWriter(), service = ProtoWriter(), serviceTag = ProtoWriter()
      scopeGroup.message(2, span.bytes)
      service.string("cart", field: 1)
      serviceTag.string("service.name", field: 1)
      serviceTag.message(2, service.bytes)
      var resource = ProtoWriter(), group = ProtoWriter(), record = ProtoWriter()
      resource.message(1, serviceTag.bytes)
      group.message(2, scopeGroup.bytes)
      group.message(1, resource.bytes)
      group.string("x", field: 3)
      record.message(1, group.bytes)
      let groups = try Self.bothWays(record.bytes)
      let wire = try #require(groups.first?.wire)
      #expect(wire.0 == groups[0].reference.0)
      #expect(wire.0.scopeSpans.first?.spans.first?.operationName == "b")
      #expect(wire.0.scopeSpans.first?.spans.first?.serviceName == "cart")
      #expect(wire.1 == groups[0].reference.1)
    }

    /// What the model counts or swift-protobuf's rules decide is the reference's to read.
    @Test(arguments: [
      ("an unknown field", [0xA0, 0x06, 0x01] as [UInt8]),
      ("a KeyValue without value", [0x0A, 0x05, 0x0A, 0x03, 0x0A, 0x01, 0x6B]),
      ("a legacy instrumentation library group", [0xC2, 0x3E, 0x00]),
      ("a resource set twice", [0x0A, 0x00, 0x0A, 0x00]),
    ])
    func whatTheReferenceMustCountIsLeftToIt(_ name: String, _ group: [UInt8]) throws {
      #expect(OTLPWireDecoding.resourceSpans(group, 0..<group.count) == nil, "\(name)")
      #expect(throws: Never.self) {
        try OTLPProtobufReader.referenceResourceSpans(group, 0..<group.count, number: 0)
      }
    }

    /// Bytes flipped, set, cut, inserted and dropped at random in real and synthetic groups: the
    /// reader never traps, and whatever it accepts the reference accepts and reads the same.
    @Test func mutatedGroupsReadAsTheReferenceReadsThemOrAreDeclined() throws {
      let sample = Array(RealSample.messageBytes)
      let ranges = try #require(OTLPProtobufReader.resourceSpansFields(sample))
      let everyField = Self.everyFieldBytes
      let bases = ranges.prefix(4).map { Array(sample[$0]) }
        + (try #require(OTLPProtobufReader.resourceSpansFields(everyField))).map { Array(everyField[$0]) }
      var random = SplitMix64(seed: 13)
      var accepted = 0, declined = 0
      for round in 0..<3_000 {
        var group = bases[round % bases.count]
        for _ in 0..<Int.random(in: 1...3, using: &random) {
          let at = Int.random(in: 0..<group.count, using: &random)
          switch Int.random(in: 0..<5, using: &random) {
          case 0: group[at] ^= 1 << UInt8.random(in: 0..<8, using: &random)
          case 1: group[at] = UInt8.random(in: 0...255, using: &random)
          case 2: group.removeSubrange(at..<min(group.count, at + Int.random(in: 1...8, using: &random)))
          case 3: group.insert(contentsOf: (0..<Int.random(in: 1...4, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
          default: group.removeLast(Int.random(in: 0...min(group.count, 16), using: &random))
          }
          if group.isEmpty { group = [0x1A, 0x00] }
        }
        let wire = OTLPWireDecoding.resourceSpans(group, 0..<group.count)
        let reference = try? OTLPProtobufReader.referenceResourceSpans(group, 0..<group.count, number: 0)
        guard let wire else {
          declined += 1
          continue
        }
        accepted += 1
        let expected = try #require(reference, "round \(round): accepted what the reference refuses")
        #expect(Self.same(wire.0, expected.0), "round \(round)")
        #expect(wire.1 == expected.1, "round \(round)")
      }
      #expect(accepted > 200)
      #expect(declined > 500)
    }

    /// Equal, a NaN equal to a NaN of the same bits: mutated doubles are often NaNs, which `==`
    /// never finds equal.
    static func same(_ wire: ResourceSpans, _ reference: ResourceSpans) -> Bool {
      wire == reference || String(reflecting: wire) == String(reflecting: reference)
    }

    /// The parts the encoder reads (`readRequestParts`) against the whole requests read by
    /// swift-protobuf alone, for each protobuf fixture.
    @Test(arguments: ["otlp-request.pb", "otlp-lines.pb", "otlp-request-message.pb", "otlp-request.pb.zst", "otlp-lines.pb.gz"])
    func theFixturesReadInPartsAsTheReferenceReadsThemWhole(_ name: String) throws {
      let url = RealSample.url.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/TraceFormatsTests/Fixtures/\(name)")
      let (parts, partsSummary) = try Self.readInParts(url)
      var whole: [TraceRequest] = []
      let wholeSummary = try TraceFileReader.readRequests(url: url) { whole.append($0) }
      #expect(!parts.isEmpty)
      #expect(parts == whole)
      #expect(partsSummary == wholeSummary)
    }

    static func readInParts(_ url: URL) throws -> ([TraceRequest], ReadSummary) {
      try TraceFileReader.requestsReadInParts(url: url)
    }

    /// Malformed groups the wire reader declines still fail as they did, naming the file, the
    /// record and its offset, on the encoder's path too.
    @Test(arguments: [
      ([0x0A, 0x02, 0x10, 0x01] as [UInt8], "resourceSpans[0]: field 2 has wire type 0, expected 2 (a wrong wire type)"),
      ([0x0A, 0x04, 0x1A, 0x02, 0xC3, 0x28], "invalid protobuf: a string field is not valid UTF-8"),
      ([0x0A, 0x03, 0x12, 0x05, 0x12], "invalid protobuf: a field runs past the end of the record (truncated)"),
    ])
    func aMalformedGroupOnTheEncodersPathNamesTheRecordAndOffset(_ body: [UInt8], _ problem: String) throws {
      let good = OTLPProtobufBadInputTests.good
      let bytes = good + RealSample.lengthPrefix(body.count) + body
      let error = try RealSample.withFile("broken.pb", bytes) { url in
        try #require(throws: FormatError.self) { _ = try Self.readInParts(url) }
      }
      #expect(error.record == 2)
      #expect(error.byteOffset == good.count)
      #expect(error.description == "broken.pb record 2 at byte offset \(good.count): \(problem)")
    }
  }
}
