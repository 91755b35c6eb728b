import Foundation
import Testing
import TraceFormats
import TraceModel
import TraceStore

@Suite struct RoundTripTests {
  static let fixtureNames = [
    "spans.jsonl", "seed-traces.jsonl", "otlp-lines.jsonl", "otlp-request.json", "zipkin-traces.json",
    "jaeger-traces.json",
  ]

  @Test(arguments: fixtureNames)
  func eachFixtureDecodesToTheSpansItWasReadAs(_ name: String) throws {
    let (spans, _) = try TraceFileReader.readAll(url: StoreTestData.fixtures.appendingPathComponent(name))
    let decoded = try StoreTestData.decode(try StoreTestData.encode(spans).bytes)
    #expect(decoded.count == spans.count)
    #expect(decoded == spans)
  }

  @Test func theJSONLFixtureComesBackByteForByte() throws {
    let url = StoreTestData.fixtures.appendingPathComponent("spans.jsonl")
    let original = Array(try Data(contentsOf: url))
    let (spans, _) = try TraceFileReader.readAll(url: url)
    var written: [UInt8] = []
    for span in try StoreTestData.decode(try StoreTestData.encode(spans).bytes) {
      SpanJSONWriter.write(span, into: &written)
    }
    #expect(written == original)
  }

  @Test func everyFieldOfTheModelSurvives() throws {
    let spans = StoreTestData.fullFidelitySpans()
    let decoded = try StoreTestData.decode(try StoreTestData.encode(spans).bytes)
    #expect(decoded == spans)
    // Span's == compares strings by Unicode equivalence; the store must also keep their bytes.
    #expect(decoded.map { Array($0.tags.first?.key.utf8 ?? "".utf8) } == spans.map { Array($0.tags.first?.key.utf8 ?? "".utf8) })
    #expect(decoded.map(\.traceID) == spans.map(\.traceID))
  }

  @Test func anEmptyInputIsAValidFileOfNoSpans() throws {
    let (bytes, summary) = try StoreTestData.encode([])
    #expect(summary.spanCount == 0)
    #expect(summary.blockCount == 0)
    #expect(bytes.count == summary.fileBytes)
    #expect(try StoreTestData.decode(bytes).isEmpty)
  }

  /// Microsecond times are stored divided by 1,000; one nanosecond time in an operation keeps
  /// that operation's times whole, and both decode exactly.
  @Test func timesOfMicrosecondClocksTakeFewerBytesAndDecodeExactly() throws {
    func spans(nanosecondOffset: Int64) -> [Span] {
      (0..<200).map { index in
        let start = 1_656_095_782_876_313_000 + Int64(index) * 7_919_000
        return Span(
          traceID: String(format: "%032x", index + 1), spanID: String(format: "%016x", index + 1),
          parentSpanID: nil, serviceName: "cart", operationName: "GetCart",
          startTimeNanos: start, endTimeNanos: start + Int64(index % 13) * 152_000 + (index == 9 ? nanosecondOffset : 0))
      }
    }
    let micro = spans(nanosecondOffset: 0), nano = spans(nanosecondOffset: 1)
    let (microBytes, microSummary) = try StoreTestData.encode(micro)
    let (nanoBytes, nanoSummary) = try StoreTestData.encode(nano)
    #expect(try StoreTestData.decode(microBytes) == micro)
    #expect(try StoreTestData.decode(nanoBytes) == nano)
    #expect(microSummary.columnBytes.contains { $0.name == "time units" })
    #expect(microSummary.fileBytes < nanoSummary.fileBytes)
  }

  @Test(arguments: [1, 2, 3])
  func theOutputIsTheSameBytesForAnyThreadCount(_ threads: Int) throws {
    let spans = Array(repeating: StoreTestData.fullFidelitySpans(), count: 20).joined().map { $0 }
    let options = TraceStoreOptions(maxSpansPerBlock: 7, threads: threads)
    let reference = try StoreTestData.encode(spans, options: TraceStoreOptions(maxSpansPerBlock: 7, threads: 1))
    let (bytes, summary) = try StoreTestData.encode(spans, options: options)
    #expect(bytes.count == reference.bytes.count)
    #expect(bytes.elementsEqual(reference.bytes))
    #expect(summary.blockCount == 15)
    #expect(try StoreTestData.decode(bytes) == spans)
  }
}

@Suite struct WriterInputTests {
  @Test func aRequestReadAsSpansGivesItsFlattenedSpans() throws {
    let spans = StoreTestData.fullFidelitySpans()
    let request = TraceRequest(grouping: spans, defaultScope: nil)
    var bytes: [UInt8] = []
    let writer = TraceStoreWriter { bytes += $0 }
    try writer.append(request)
    _ = try writer.finish()
    #expect(try StoreTestData.decode(bytes) == request.spans)
  }
}
