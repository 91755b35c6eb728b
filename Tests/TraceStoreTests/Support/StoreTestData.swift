import Foundation
import TraceModel
import TraceStore

/// Encoding and decoding in memory, and the spans the suites share.
enum StoreTestData {
  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("TraceHarnessTests/Fixtures")

  static func encode(_ spans: [Span], options: TraceStoreOptions = TraceStoreOptions()) throws -> (
    bytes: [UInt8], summary: TraceStoreSummary
  ) {
    var bytes: [UInt8] = []
    let writer = TraceStoreWriter(options: options) { bytes += $0 }
    for span in spans { try writer.append(span) }
    let summary = try writer.finish()
    return (bytes, summary)
  }

  static func decode(_ bytes: [UInt8], name: String = "test.tstore") throws -> [Span] {
    var spans: [Span] = []
    try TraceStoreReader.read(bytes: bytes, name: name) { spans += $0 }
    return spans
  }

  /// Spans that use every field of the model, and IDs of every form the store distinguishes.
  static func fullFidelitySpans() -> [Span] {
    var root = Span(
      traceID: "4bf92f3577b34da6a3ce929d0e0e4736", spanID: "00f067aa0ba902b7", parentSpanID: nil,
      serviceName: "checkout", operationName: "PlaceOrder", startTimeNanos: 1_700_000_000_000_000_000,
      endTimeNanos: 1_700_000_000_250_000_000,
      tags: [
        Tag("http.status_code", .int(200)), Tag("ratio", .double(-0.0)), Tag("sampled", .bool(true)),
        Tag("payload", .bytes([0, 255, 7])), Tag("items", .array([.string("a"), .int(-3), .empty])),
        Tag("nested", .kvlist([Tag("k", .kvlist([Tag("deep", .double(.infinity))]))])),
      ],
      logs: [LogEvent(timestampNanos: 1_700_000_000_100_000_000, event: "exception", fields: [Tag("n", .int(.min))])],
      statusCode: 1)
    root.kind = .server
    root.traceState = "vendor=1"
    root.flags = 0x301
    root.status = SpanStatus(code: .error, message: "")
    root.links = [
      SpanLink(traceID: "0000000000000000448eb211c80319c0", spanID: "b7ad6b7169203331"),
      SpanLink(traceID: "00000000", spanID: "00"),
    ]
    root.links[0].attributes = [Tag("link.kind", .string("follows"))]
    root.links[0].flags = 1
    root.droppedAttributesCount = 2
    root.droppedEventsCount = 3
    root.droppedLinksCount = 4
    root.logs[0].droppedAttributesCount = 5
    root.resource = Resource(attributes: [Tag("service.name", .string("checkout"))], droppedAttributesCount: 1)
    root.scope = InstrumentationScope(name: "otel-go", version: "1.2", attributes: [Tag("x", .bool(false))])
    var child = Span(
      traceID: root.traceID, spanID: "trace-00000001-52c48291", parentSpanID: root.spanID,
      serviceName: "cart", operationName: "", startTimeNanos: .max, endTimeNanos: .min,
      tags: [Tag("é", .string("naïve \u{0}"))])
    child.kind = SpanKind(rawValue: 77)
    child.status = SpanStatus(code: SpanStatus.Code(rawValue: -1), message: "odd")
    child.resource = root.resource
    let orphan = Span(
      traceID: "7F3C1A52-9B1E-4C2D-8E4F-0A1B2C3D4E5F", spanID: "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
      parentSpanID: "not-in-this-file", serviceName: "cart", operationName: "get", startTimeNanos: -5,
      endTimeNanos: 5)
    let selfParent = Span(
      traceID: "", spanID: "abc", parentSpanID: "abc", serviceName: "", operationName: "loop",
      startTimeNanos: 0, endTimeNanos: 0)
    return [child, orphan, root, selfParent, child]
  }
}
