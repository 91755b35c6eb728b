import Foundation
import OTLPProto
import Testing
import TraceFormats
import TraceModel
@testable import TraceStore

/// `readOTLPProtobufParts`, which writes the groups a block holds whole on the decoding threads,
/// straight from the columns: its parts, in bytes, must be the model path's parts serialized one by
/// one (`OTLPProtobufWriter`, itself held to swift-protobuf), wherever the blocks cut the requests
/// and groups, and a broken structure must fail with the same error.
@Suite struct SerializedPartsTests {
  /// A part or a block of flat spans, as either path hands it over.
  enum Event: Equatable {
    case part([UInt8], continuesRequest: Bool)
    case flat([Span])
  }

  static let serialize: @Sendable (TraceRequest) throws -> [UInt8] = { try OTLPProtobufWriter.messageBytes($0) }

  static func modelEvents(_ stored: [UInt8], threads: Int = 2) throws -> [Event] {
    var events: [Event] = []
    try TraceStoreReader.readRequestParts(bytes: stored, name: "parts.tstore", threads: threads) { part, continues in
      events.append(.part(try serialize(part), continuesRequest: continues))
    } onFlatSpans: { events.append(.flat($0)) }
    return events
  }

  static func serializedEvents(_ stored: [UInt8], threads: Int = 2) throws -> [Event] {
    var events: [Event] = []
    try TraceStoreReader.readOTLPProtobufParts(bytes: stored, name: "parts.tstore", threads: threads) {
      events.append(.part($0, continuesRequest: $1))
    } onFlatSpans: { events.append(.flat($0)) }
    return events
  }

  /// The sample's first `groupCount` groups as records of `groupsPerRecord`, stored in blocks of
  /// `spansPerBlock` spans.
  static func storedSample(groupCount: Int, groupsPerRecord: Int, spansPerBlock: Int) throws -> [UInt8] {
    let groups = try OTLPRequestTests.sampleMessage.get().resourceSpans.prefix(groupCount)
    var input: [UInt8] = []
    for start in stride(from: 0, to: groups.count, by: groupsPerRecord) {
      var record = OTLPTracesData()
      record.resourceSpans = Array(groups[start..<min(start + groupsPerRecord, groups.count)])
      let bytes: [UInt8] = try record.serializedBytes()
      input += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: bytes.count >> $0) } + bytes
    }
    let directory = try RequestPartsTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("records.otlp.pb")
    try Data(input).write(to: url)
    var stored: [UInt8] = []
    let writer = TraceStoreWriter(options: TraceStoreOptions(maxSpansPerBlock: spansPerBlock)) { stored += $0 }
    _ = try TraceFileReader.readRequests(url: url, format: .otlpProto) { try writer.append($0) }
    _ = try writer.finish()
    return stored
  }

  /// For each block of a stored file, whether `BlockDecoder.protobuf` writes it from its columns
  /// (else the reader goes through its spans).
  static func writtenFromColumns(_ stored: [UInt8]) throws -> [Bool] {
    let input = RecordInput(bytes: stored, name: "parts.tstore")
    _ = try input.read(Container.headerBytes)
    var direct: [Bool] = []
    while let (tag, body) = try SegmentReader.record(input, block: direct.count), tag == Container.blockTag {
      let (columns, spanCount, traceCount) = try BlockBody.decode(body)
      direct.append(try BlockDecoder.protobuf(of: columns, spanCount: spanCount, traceCount: traceCount) != nil)
    }
    return direct
  }

  @Test func theWholeSampleGivesTheModelPathsBytes() throws {
    let stored = try Self.storedSample(groupCount: 1_699, groupsPerRecord: 1_699, spansPerBlock: 65_536)
    let events = try Self.serializedEvents(stored)
    #expect(events.count == 1_699)
    #expect(events == (try Self.modelEvents(stored)))
    let direct = try Self.writtenFromColumns(stored)
    #expect(direct == [true, true, true, true])
  }

  /// Spans with every field OTLP has set, ids of every stored form OTLP holds.
  static func everyFieldSpans() -> [Span] {
    let ids: [(trace: String, span: String)] = [
      ("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"),
      ("0000000000000000448eb211c80319c0", "b7ad6b7169203331"),
      ("1b4e28ba-2fa1-41d2-883f-0016d3cca427", "7f3c1a52-9b1e-4c2d-8e4f-0a1b2c3d4e5f"),
      ("7F3C1A52-9B1E-4C2D-8E4F-0A1B2C3D4E5F", "abc"),
      ("4bf92f3577b34da6a3ce929d0e0e4736", "0000aa0ba902b7"),
    ]
    return ids.enumerated().map { number, id in
      var span = Span(
        traceID: id.trace, spanID: id.span, parentSpanID: number == 0 ? nil : ids[number - 1].span,
        serviceName: "svc\(number % 2)", operationName: number == 2 ? "" : "op\(number)",
        startTimeNanos: 1_700_000_000_000_000_000 + Int64(number), endTimeNanos: 1_700_000_000_000_000_900,
        tags: [
          Tag("http.status_code", .int(Int64(200 + number))), Tag("ratio", .double(-0.5)), Tag("", .string("")),
          Tag("sampled", .bool(number % 2 == 0)), Tag("payload", .bytes([0, 255, UInt8(number)])),
          Tag("items", .array([.string("a"), .int(-3), .empty])), Tag("nested", .kvlist([Tag("k", .double(.nan))])),
          Tag("long", .string(String(repeating: "é", count: 100 * number))),
        ],
        logs: (0..<number).map { LogEvent(timestampNanos: Int64($0), event: $0 == 0 ? "" : "exception",
          fields: [Tag("message", .string("m\($0)")), Tag("n", .int(.min))]) },
        statusCode: number % 2)
      span.kind = SpanKind(rawValue: Int32(number) - 1)
      span.traceState = number == 1 ? "vendor=1" : ""
      span.flags = UInt32(number) << 8
      span.status = SpanStatus(code: SpanStatus.Code(rawValue: Int32(number % 3)), message: number == 3 ? "odd" : "")
      if number == 4 {
        span.links = [SpanLink(traceID: ids[1].trace, spanID: ids[0].span)]
        span.links[0].attributes = [Tag("link.kind", .string("follows"))]
        span.links[0].flags = 1
      }
      span.droppedAttributesCount = UInt32(number)
      span.droppedEventsCount = UInt32(number) * 2
      span.droppedLinksCount = UInt32(number) * 3
      for index in span.logs.indices { span.logs[index].droppedAttributesCount = UInt32(index) }
      span.resource = Resource(attributes: [Tag("service.name", .string(span.serviceName))], droppedAttributesCount: 1)
      span.scope = InstrumentationScope(name: "otel-go", version: "1.\(number % 2)", attributes: [Tag("x", .bool(false))])
      return span
    }
  }

  /// Blocks of 2 spans cut the groups; every block is written from its columns.
  @Test func everyFieldWrittenFromTheColumnsGivesTheModelPathsBytes() throws {
    let spans = Self.everyFieldSpans()
    var stored: [UInt8] = []
    let writer = TraceStoreWriter(options: TraceStoreOptions(maxSpansPerBlock: 2)) { stored += $0 }
    try writer.append(TraceRequest(grouping: spans + spans, defaultScope: nil))
    _ = try writer.finish()
    #expect(try Self.writtenFromColumns(stored) == [true, true, true, true, true])
    let events = try Self.serializedEvents(stored)
    #expect(events.count == 2)
    #expect(events == (try Self.modelEvents(stored)))
  }

  /// A span without a stored kind, or with the seed's status and none of OTLP's, is written as
  /// the OTLP writers derive them from its tags and logs: its block goes through its spans.
  @Test func aKindOrStatusToDeriveTakesItsBlockThroughItsSpans() throws {
    var spans = Array(Self.everyFieldSpans().prefix(3))
    spans[1].kind = nil
    spans[2].status = nil
    var stored: [UInt8] = []
    let writer = TraceStoreWriter(options: TraceStoreOptions(maxSpansPerBlock: 1)) { stored += $0 }
    try writer.append(TraceRequest(grouping: spans, defaultScope: nil))
    _ = try writer.finish()
    let direct = try Self.writtenFromColumns(stored)
    // Grouping by resource puts the blocks in the order span 0, span 2, span 1.
    #expect(direct == [true, true, false])
    #expect(try Self.serializedEvents(stored) == (try Self.modelEvents(stored)))
    spans[2].statusCode = 1
    stored = []
    let again = TraceStoreWriter(options: TraceStoreOptions(maxSpansPerBlock: 1)) { stored += $0 }
    try again.append(TraceRequest(grouping: spans, defaultScope: nil))
    _ = try again.finish()
    #expect(try Self.writtenFromColumns(stored) == [true, false, false])
    #expect(try Self.serializedEvents(stored) == (try Self.modelEvents(stored)))
  }

  /// Blocks of 1,000 and of 7 spans: most groups, and at 7 nearly all, are cut by a boundary, and
  /// requests of three groups begin and end inside blocks.
  @Test(arguments: [1_000, 7])
  func groupsCutByBlockBoundariesGiveTheModelPathsBytes(spansPerBlock: Int) throws {
    let stored = try Self.storedSample(groupCount: 120, groupsPerRecord: 3, spansPerBlock: spansPerBlock)
    let events = try Self.serializedEvents(stored)
    #expect(events.count == 120)
    #expect(events.filter { if case .part(_, false) = $0 { true } else { false } }.count == 40)
    #expect(events == (try Self.modelEvents(stored)))
  }

  @Test(arguments: [1, 3, 5])
  func anyThreadCountGivesTheSameBytes(threads: Int) throws {
    let stored = try Self.storedSample(groupCount: 60, groupsPerRecord: 7, spansPerBlock: 100)
    #expect(try Self.serializedEvents(stored, threads: threads) == (try Self.modelEvents(stored, threads: 2)))
  }

  /// Spans of hex ids, which OTLP holds.
  static func hexSpans() -> [Span] {
    (0..<5).map { number in
      var span = Span(
        traceID: "4bf92f3577b34da6a3ce929d0e0e473\(number % 2)", spanID: "00f067aa0ba902b\(number)",
        parentSpanID: number < 2 ? nil : "00f067aa0ba902b\(number - 2)", serviceName: "svc\(number % 3)",
        operationName: "op\(number)", startTimeNanos: 10 * Int64(number), endTimeNanos: 10 * Int64(number) + 7,
        tags: [Tag("n", .int(Int64(number)))], statusCode: number % 2)
      span.kind = number == 3 ? nil : .server
      return span
    }
  }

  @Test func emptyRequestsAbsentGroupsAndFlatSpansKeepTheirPlace() throws {
    let spans = Self.hexSpans()
    let resource = Resource(attributes: [Tag("service.name", .string("cart"))])
    var bytes: [UInt8] = []
    let writer = TraceStoreWriter(options: TraceStoreOptions(maxSpansPerBlock: 2)) { bytes += $0 }
    try writer.append(spans[0])
    try writer.append(TraceRequest(grouping: spans, defaultScope: nil))
    try writer.append(TraceRequest())
    try writer.append(TraceRequest(resourceSpans: [
      ResourceSpans(resource: nil, schemaURL: "https://opentelemetry.io/schemas/1.9.0"),
      ResourceSpans(resource: resource, schemaURL: "s", scopeSpans: [ScopeSpans(scope: nil, schemaURL: "t")]),
    ]))
    try writer.append(spans[1])
    try writer.append(TraceRequest(resourceSpans: [ResourceSpans(resource: Resource())]))
    _ = try writer.finish()
    let events = try Self.serializedEvents(bytes)
    #expect(events.first == .flat([spans[0]]))
    #expect(events.contains(.part([], continuesRequest: false)))
    #expect(events.count == 9)
    #expect(events == (try Self.modelEvents(bytes)))
  }

  /// A group holding an id OTLP cannot hold, serialized on a decoding thread: the error is the
  /// writer's, as when the caller serializes.
  @Test func anIDOTLPCannotHoldFailsAsTheModelPathFails() throws {
    let spans = Array(repeating: StoreTestData.fullFidelitySpans(), count: 3).joined().map { $0 }
    var bytes: [UInt8] = []
    let writer = TraceStoreWriter { bytes += $0 }
    try writer.append(TraceRequest(grouping: spans, defaultScope: nil))
    _ = try writer.finish()
    let modelError = #expect(throws: IDMappingError.self) { try Self.modelEvents(bytes) }
    let serializedError = #expect(throws: IDMappingError.self) { try Self.serializedEvents(bytes) }
    #expect(serializedError?.description == modelError?.description)
  }

  /// The sample's file without its first block: the second continues a group no block began.
  @Test func aBlockContinuingAnUnopenedGroupFailsAsTheModelPathFails() throws {
    var stored = try Self.storedSample(groupCount: 60, groupsPerRecord: 60, spansPerBlock: 500)
    let headerBytes = 10, framingBytes = 9
    let firstBody = stored[(headerBytes + 1)..<(headerBytes + 5)].reversed().reduce(0) { $0 << 8 | Int($1) }
    stored.removeSubrange(headerBytes..<(headerBytes + framingBytes + firstBody))
    let modelError = #expect(throws: TraceStoreError.self) { try Self.modelEvents(stored) }
    let serializedError = #expect(throws: TraceStoreError.self) { try Self.serializedEvents(stored) }
    #expect(modelError?.description.contains("no earlier block began") == true)
    #expect(serializedError?.description == modelError?.description)
  }
}
