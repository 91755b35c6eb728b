import Codecs
import Foundation
import OTLPProto
import SwiftProtobuf
import Testing
import TraceFormats
import TraceModel
import TraceStore

/// OTLP requests through the store: the messages that come out are the messages that went in,
/// compared as swift-protobuf messages parsed from the input's own bytes, not through the model.
@Suite struct OTLPRequestTests {
  static let sampleURL = StoreTestData.fixtures
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("experiments/real/hipstershop-oteltraces.zst")

  /// The sample's one record: a 4-byte length, then one `TracesData` of 1,699 resource groups.
  static let sampleMessage = Result {
    let compressed = try Data(contentsOf: sampleURL)
    var bytes: [UInt8] = []
    try compressed.withUnsafeBytes { raw in try ZstdDecompressor().decompress(raw) { bytes.append(contentsOf: $0) } }
    return try OTLPTracesData(serializedBytes: Array(bytes[4...]))
  }

  @Test func theRealSampleDecodesToAnEqualMessage() throws {
    let original = try Self.sampleMessage.get()
    let decoded = try Self.roundTrip([original], options: TraceStoreOptions())
    #expect(decoded.count == 1)
    #expect(decoded.first?.resourceSpans.count == 1_699)
    #expect(decoded.first?.resourceSpans.reduce(0) { $0 + $1.scopeSpans[0].spans.count } == 86_583)
    #expect(decoded == [original])
  }

  /// Records of three groups each, in blocks of 1,000 spans: requests begin and end inside blocks
  /// and run across their boundaries.
  @Test func theSampleSplitIntoRecordsDecodesRecordByRecord() throws {
    let groups = try Self.sampleMessage.get().resourceSpans
    let records = stride(from: 0, to: groups.count, by: 3).map { start in
      var record = OTLPTracesData()
      record.resourceSpans = Array(groups[start..<min(start + 3, groups.count)])
      return record
    }
    let decoded = try Self.roundTrip(records, options: TraceStoreOptions(maxSpansPerBlock: 1_000))
    #expect(decoded.count == 567)
    #expect(decoded == records)
  }

  @Test func emptyGroupsAbsentResourcesAndSchemaURLsSurvive() throws {
    var span = Span(
      traceID: "4bf92f3577b34da6a3ce929d0e0e4736", spanID: "00f067aa0ba902b7", parentSpanID: nil,
      serviceName: "cart", operationName: "GetCart", startTimeNanos: 10, endTimeNanos: 20)
    span.kind = .server
    let resource = Resource(attributes: [Tag("service.name", .string("cart"))])
    let requests = [
      TraceRequest(resourceSpans: [
        ResourceSpans(resource: nil, schemaURL: "https://opentelemetry.io/schemas/1.9.0"),
        ResourceSpans(
          resource: resource, schemaURL: "s",
          scopeSpans: [
            ScopeSpans(scope: nil, schemaURL: "t", spans: [span]),
            ScopeSpans(scope: InstrumentationScope(name: "otel"), spans: []),
          ]),
      ]),
      TraceRequest(),
      TraceRequest(resourceSpans: [ResourceSpans(resource: resource, scopeSpans: [ScopeSpans(scope: nil, spans: [span])])]),
      TraceRequest(resourceSpans: [ResourceSpans(resource: Resource())]),
    ]
    var bytes: [UInt8] = []
    let writer = TraceStoreWriter { bytes += $0 }
    for request in requests { try writer.append(request) }
    _ = try writer.finish()
    var decoded: [TraceRequest] = []
    try TraceStoreReader.readRequests(bytes: bytes, name: "groups.tstore") { decoded.append($0) } onFlatSpans: { _ in
      Issue.record("no span was appended flat")
    }
    #expect(decoded == requests)
  }

  /// 140,000 requests of one empty group are 280,000 entries and no span: more than the 2¹⁸ a
  /// reader takes in a block, so the writer cuts a second block inside a request, and both read.
  @Test func requestsOfEmptyGroupsFillBlocksTheReaderAccepts() throws {
    let requests = (0..<140_000).map { TraceRequest(resourceSpans: [ResourceSpans(resource: nil, schemaURL: "u\($0 % 3)")]) }
    var bytes: [UInt8] = []
    let writer = TraceStoreWriter { bytes += $0 }
    for request in requests { try writer.append(request) }
    let summary = try writer.finish()
    #expect(summary.blockCount == 2)
    #expect(summary.spanCount == 0)
    var decoded: [TraceRequest] = []
    try TraceStoreReader.readRequests(bytes: bytes, name: "empty.tstore") { decoded.append($0) } onFlatSpans: { _ in
      Issue.record("no span was appended flat")
    }
    #expect(decoded == requests)
  }

  @Test func flatSpansBetweenRequestsKeepTheirPlace() throws {
    let spans = StoreTestData.fullFidelitySpans()
    let request = TraceRequest(grouping: spans, defaultScope: nil)
    var bytes: [UInt8] = []
    let writer = TraceStoreWriter { bytes += $0 }
    try writer.append(spans[0])
    try writer.append(request)
    try writer.append(spans[1])
    let summary = try writer.finish()
    var events: [String] = []
    try TraceStoreReader.readRequests(bytes: bytes, name: "mixed.tstore") { got in
      events.append(got == request ? "request" : "other request")
    } onFlatSpans: { got in
      events.append(got == [spans[0]] ? "first" : got == [spans[1]] ? "second" : "other spans")
    }
    #expect(events == ["first", "request", "second"])
    #expect(summary.blockCount == 3)
  }

  /// The messages through OTLPProtobufWriter's framing, the store and back, parsed again.
  static func roundTrip(_ messages: [OTLPTracesData], options: TraceStoreOptions) throws -> [OTLPTracesData] {
    var input: [UInt8] = []
    for message in messages {
      let bytes: [UInt8] = try message.serializedBytes()
      input += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: bytes.count >> $0) } + bytes
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otlp-requests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("input.otlp.pb")
    try Data(input).write(to: file)
    var stored: [UInt8] = []
    let writer = TraceStoreWriter(options: options) { stored += $0 }
    _ = try TraceFileReader.readRequests(url: file, format: .otlpProto) { try writer.append($0) }
    _ = try writer.finish()
    var decoded: [OTLPTracesData] = []
    try TraceStoreReader.readRequests(bytes: stored, name: "sample.tstore") { request in
      decoded.append(try OTLPTracesData(serializedBytes: try OTLPProtobufWriter.messageBytes(request)))
    } onFlatSpans: { _ in
      Issue.record("an OTLP input stored flat spans")
    }
    return decoded
  }
}
