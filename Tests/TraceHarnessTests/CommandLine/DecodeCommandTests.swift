import Foundation
import Testing
import TraceStore
@testable import TraceModel
@testable import TraceFormats
@testable import HarnessCommands

@Suite struct DecodeCommandTests {
  static func span(_ number: Int) -> Span {
    Span(
      traceID: String(repeating: "a", count: 28) + String(format: "%04x", number / 3 + 1),
      spanID: "b7ad6b71" + String(format: "%08x", number + 1), parentSpanID: nil, serviceName: "cart",
      operationName: "op\(number % 4)", startTimeNanos: Int64(1_000 + number), endTimeNanos: Int64(2_000 + number))
  }

  static func group(_ numbers: Range<Int>, service: String) -> ResourceSpans {
    ResourceSpans(
      resource: Resource(attributes: [Tag("service.name", .string(service))]), schemaURL: "u",
      scopeSpans: [ScopeSpans(scope: InstrumentationScope(name: "otel"), spans: numbers.map(span))])
  }

  /// Two requests across blocks of 16 spans, flat spans between them and an empty request: each
  /// record's length is written after its groups were, and the file is each request serialized
  /// whole, the flat spans batched where they were.
  @Test func otlpProtoRecordsAreTheRequestsSerializedWhole() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = directory.appendingPathComponent("mixed.tstore")
    var stored: [UInt8] = []
    let writer = TraceStoreWriter(options: TraceStoreOptions(maxSpansPerBlock: 16)) { stored += $0 }
    try writer.append(TraceRequest(resourceSpans: [Self.group(0..<40, service: "a"), Self.group(40..<45, service: "b")]))
    for number in 45..<50 { try writer.append(Self.span(number)) }
    try writer.append(TraceRequest(resourceSpans: [Self.group(50..<53, service: "c")]))
    try writer.append(TraceRequest())
    _ = try writer.finish()
    try Data(stored).write(to: store)

    var expected: [UInt8] = []
    var flat = OTLPProtobufWriter()
    try TraceStoreReader.readRequests(url: store) { request in
      try flat.finish(into: &expected)
      try OTLPProtobufWriter.writeRecord(request, into: &expected)
    } onFlatSpans: { spans in
      for span in spans { try flat.append(span, into: &expected) }
    }
    try flat.finish(into: &expected)

    let output = directory.appendingPathComponent("mixed.pb")
    var command = try Harness.parseAsRoot(["decode", store.path, "-o", output.path, "--to", "otlp-proto"])
    try command.run()
    let written = try [UInt8](Data(contentsOf: output))
    #expect(written == expected)
    var offset = 0, records = 0
    while offset + 4 <= written.count {
      offset += 4 + written[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
      records += 1
    }
    #expect(offset == written.count)
    #expect(records == 4)
  }

  /// A missing input, or a directory, is named with the reason, and no output is left behind.
  @Test func anUnreadableInputIsNamedWithTheReason() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("out.jsonl")
    let missing = directory.appendingPathComponent("missing.tstore")
    for (input, reason) in [(missing.path, "No such file or directory"), (directory.path, "not a regular file")] {
      var command = try Harness.parseAsRoot(["decode", input, "-o", output.path])
      #expect(throws: TraceStoreError(file: input, byteOffset: 0, problem: "cannot be read: \(reason)")) {
        try command.run()
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
  }
}
