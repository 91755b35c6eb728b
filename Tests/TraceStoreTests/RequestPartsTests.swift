import Foundation
import OTLPProto
import SwiftProtobuf
import Testing
import TraceFormats
import TraceModel
import TraceStore

/// Requests a resource group at a time, as `harness encode` and `decode --to otlp-proto` stream
/// them: the file and the messages must be the ones whole requests give.
@Suite struct RequestPartsTests {
  /// The sample's first 500 groups as 10 length-prefixed records of 50, in a temporary file.
  static func sampleRecords(in directory: URL) throws -> (url: URL, records: [OTLPTracesData]) {
    let groups = try OTLPRequestTests.sampleMessage.get().resourceSpans.prefix(500)
    var input: [UInt8] = []
    var records: [OTLPTracesData] = []
    for start in stride(from: groups.startIndex, to: groups.endIndex, by: 50) {
      var record = OTLPTracesData()
      record.resourceSpans = Array(groups[start..<(start + 50)])
      let bytes: [UInt8] = try record.serializedBytes()
      input += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: bytes.count >> $0) } + bytes
      records.append(record)
    }
    let url = directory.appendingPathComponent("records.otlp.pb")
    try Data(input).write(to: url)
    return (url, records)
  }

  static func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// Blocks of 1,000 spans, so requests and groups run across block boundaries.
  static let options = TraceStoreOptions(maxSpansPerBlock: 1_000)

  /// The trace-store file of `url`'s requests, each appended whole.
  static func storedWhole(_ url: URL) throws -> [UInt8] {
    var stored: [UInt8] = []
    let writer = TraceStoreWriter(options: options) { stored += $0 }
    _ = try TraceFileReader.readRequests(url: url, format: .otlpProto) { try writer.append($0) }
    _ = try writer.finish()
    return stored
  }

  @Test func encodingInPartsWritesTheFileWholeRequestsWrite() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (url, records) = try Self.sampleRecords(in: directory)
    let whole = try Self.storedWhole(url)
    var parted: [UInt8] = []
    let partsWriter = TraceStoreWriter(options: Self.options) { parted += $0 }
    var partCount = 0, requestStarts = 0
    let summary = try TraceFileReader.readRequestParts(url: url) { part, continuesRequest in
      partCount += 1
      if !continuesRequest { requestStarts += 1 }
      #expect(part.resourceSpans.count == 1)
      try partsWriter.append(part, continuingPrevious: continuesRequest)
    }
    _ = try partsWriter.finish()
    #expect(partCount == 500)
    #expect(requestStarts == records.count)
    #expect(summary.spanCount == records.reduce(0) { $0 + $1.resourceSpans.reduce(0) { $0 + $1.scopeSpans[0].spans.count } })
    #expect(whole.count > 100_000)
    #expect(parted == whole)
  }

  @Test func partsOfStoredRequestsSerializeToTheWholeMessages() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let (url, records) = try Self.sampleRecords(in: directory)
    let stored = try Self.storedWhole(url)
    var messages: [[UInt8]] = []
    try TraceStoreReader.readRequestParts(bytes: stored, name: "parts.tstore") { part, continuesRequest in
      if !continuesRequest { messages.append([]) }
      messages[messages.count - 1] += try OTLPProtobufWriter.messageBytes(part)
    } onFlatSpans: { _ in
      Issue.record("an OTLP input stored flat spans")
    }
    let expected = try records.map { record -> [UInt8] in try record.serializedBytes() }
    #expect(messages.count == 10)
    #expect(messages == expected)
  }

  /// Forty groups serialized one by one, as the decoding threads serialize them: their bytes in
  /// order are the whole message's.
  @Test func groupsSerializedOneByOneGiveTheWholeMessagesBytes() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var whole = OTLPTracesData()
    whole.resourceSpans = Array(try OTLPRequestTests.sampleMessage.get().resourceSpans.prefix(40))
    let expected: [UInt8] = try whole.serializedBytes()
    let url = directory.appendingPathComponent("one.otlp.pb")
    try Data(expected).write(to: url)
    var requests: [TraceRequest] = []
    _ = try TraceFileReader.readRequests(url: url, format: .otlpProto) { requests.append($0) }
    let parts = try #require(requests.first).resourceSpans.map { TraceRequest(resourceSpans: [$0]) }
    let together = try parts.flatMap { try OTLPProtobufWriter.messageBytes($0) }
    #expect(parts.count == 40)
    #expect(together == expected)
  }

  @Test func spansSerializedOnTheDecodingThreadsComeInBlockOrder() throws {
    let (jsonl, spans) = try GeneratedDataTests.dataset(traces: 1_000)
    let (bytes, summary) = try StoreTestData.encode(spans, options: TraceStoreOptions(maxSpansPerBlock: 300))
    #expect(summary.blockCount == 10)
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("medium.tstore")
    try Data(bytes).write(to: url)
    var written: [UInt8] = []
    var pieces = 0
    let read = try TraceStoreReader.read(url: url) { spans in
      var text: [UInt8] = []
      for span in spans { SpanJSONWriter.write(span, into: &text) }
      return text
    } onBytes: {
      pieces += 1
      written += $0
    }
    #expect(pieces == 10)
    #expect(read.spanCount == spans.count)
    #expect(written.count == jsonl.count)
    #expect(written == jsonl)
  }
}
