import Foundation
import Testing
import TraceFormats
import TraceModel
import TraceStore

/// `TraceStoreReader.readJSONL`, which writes lines straight from a block's columns, against the
/// lines `SpanJSONWriter` makes of the spans `read` gives: the same bytes for every kind of input.
@Suite struct JSONLDecodeTests {
  static func lines(_ bytes: [UInt8]) throws -> [UInt8] {
    var lines: [UInt8] = []
    try TraceStoreReader.readJSONL(bytes: bytes, name: "test.tstore") { lines += $0 }
    return lines
  }

  static func expectSameLines(_ spans: [Span], options: TraceStoreOptions = TraceStoreOptions()) throws {
    let bytes = try StoreTestData.encode(spans, options: options).bytes
    let expected = GeneratedDataTests.jsonl(of: try StoreTestData.decode(bytes))
    let written = try lines(bytes)
    #expect(written.count == expected.count)
    #expect(written == expected)
  }

  @Test(arguments: RoundTripTests.fixtureNames)
  func eachFixtureWritesTheLinesOfItsSpans(_ name: String) throws {
    try Self.expectSameLines(try TraceFileReader.readAll(url: StoreTestData.fixtures.appendingPathComponent(name)).spans)
  }

  /// OTLP fields, links, nested and binary values, IDs of every form, escapes: all read past, and
  /// the seed's fields written as the span writer writes them; in blocks of a few spans, so spans
  /// of one trace sit apart.
  @Test func everyFieldOfTheModelWritesTheLinesOfItsSpans() throws {
    var spans = Array(repeating: StoreTestData.fullFidelitySpans(), count: 5).joined().map { $0 }
    spans[3].serviceName = "quote \" backslash \\ tab \t é"
    spans[4].tags.append(Tag("key \"with\" quotes\n", .string("\u{1}\u{1f}")))
    spans[4].logs.append(LogEvent(timestampNanos: -5, event: "", fields: []))
    try Self.expectSameLines(spans, options: TraceStoreOptions(maxSpansPerBlock: 4))
  }

  @Test(arguments: [100, 1_000])
  func phase0DatasetDecodesToItsJSONLByteForByte(_ traces: Int) throws {
    let (jsonl, spans) = try GeneratedDataTests.dataset(traces: traces)
    let written = try Self.lines(try StoreTestData.encode(spans, options: TraceStoreOptions(maxSpansPerBlock: 700)).bytes)
    #expect(written.count == jsonl.count)
    #expect(written == jsonl)
  }

  /// A damaged file is an error on this path too, as it is for spans.
  @Test func everyBitFlipAtTwoHundredPositionsIsAnError() throws {
    let bytes = try CorruptionTests.file()
    var decoded = 0
    for (index, position) in CorruptionTests.positions(in: bytes.count).enumerated() {
      var damaged = bytes
      damaged[position] ^= UInt8(1) << UInt8(index % 8)
      if (try? Self.lines(damaged)) != nil { decoded += 1 }
    }
    #expect(decoded == 0)
  }
}
