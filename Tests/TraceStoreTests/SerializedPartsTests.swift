import Foundation
import OTLPProto
import Testing
import TraceFormats
import TraceModel
import TraceStore

/// `readRequestParts(serialize:)`, which serializes the groups a block holds whole on the decoding
/// threads: its parts, in bytes, must be the model path's parts serialized one by one, wherever the
/// blocks cut the requests and groups, and a broken structure must fail with the same error.
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
    try TraceStoreReader.readRequestParts(bytes: stored, name: "parts.tstore", threads: threads, serialize: serialize) {
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

  @Test func theWholeSampleGivesTheModelPathsBytes() throws {
    let stored = try Self.storedSample(groupCount: 1_699, groupsPerRecord: 1_699, spansPerBlock: 65_536)
    let events = try Self.serializedEvents(stored)
    #expect(events.count == 1_699)
    #expect(events == (try Self.modelEvents(stored)))
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
