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
  @Suite struct JSONLReaderTests {
    @Test func fixtureRewrittenBySpanJSONWriterIsByteIdentical() throws {
      // Holds tag order, tag types (int, double, bool) and log fields to what the file says.
      let (spans, _) = try FormatFixtures.read("spans.jsonl")
      let original = try [UInt8](Data(contentsOf: FormatFixtures.url("spans.jsonl")))
      #expect(GeneratedSpans.jsonl(spans) == original)
    }

    @Test func typedTagsLogsAndStatusAreRead() throws {
      let spans = try FormatFixtures.read("spans.jsonl").spans
      let health = try #require(spans.first { $0.operationName == "GET /health" })
      #expect(
        health.tags.map(\.key) == [
          "http.method", "http.status_code", "component", "sample.ratio", "cache.enabled",
        ])
      #expect(health.tags[1].value == .int(200))
      #expect(health.tags[3].value == .double(0.25))
      #expect(health.tags[4].value == .bool(true))
      let listOrders = try #require(spans.first { $0.operationName == "listOrders" })
      #expect(
        listOrders.logs == [
          LogEvent(
            timestampNanos: 1_698_000_000_350_000_000, event: "retry",
            fields: [Tag("attempt", .int(2))])
        ])
      #expect(spans.map(\.statusCode) == [0, 0, 0, 1, 0, 0])
    }

    @Test func summaryCountsLinesAndSaysNanoseconds() throws {
      let summary = try FormatFixtures.read("spans.jsonl").summary
      #expect(summary.format == .jsonl)
      #expect(summary.lineCount == 6)
      #expect(summary.documentCount == 6)
      #expect(summary.sourceTimestampUnit == .nanoseconds)
      #expect(summary.normalizations.isEmpty)
    }

    @Test func generatedDatasetLargerThanOneReadChunkRoundTrips() throws {
      // ~1.3 MB: lines cross the 1 MiB chunk boundary of the line reader.
      let spans = try GeneratedSpans.sample(traces: 1_200)
      let bytes = GeneratedSpans.jsonl(spans)
      #expect(bytes.count > SourceFile.chunkBytes)
      let (read, summary) = try FormatFixtures.read("big.jsonl", contents: bytes)
      #expect(read == spans)
      #expect(summary.lineCount == spans.count)
    }

    @Test func crlfLineEndsBlankLinesAndAByteOrderMarkAreAccepted() throws {
      let spans = try FormatFixtures.read("spans.jsonl").spans
      let lines = GeneratedSpans.jsonl(Array(spans.prefix(2))).split(separator: 0x0A).map(
        Array.init)
      let bytes =
        [0xEF, 0xBB, 0xBF] + lines[0] + Array("\r\n\r\n   \n".utf8) + lines[1] + Array("\r\n".utf8)
      let (read, summary) = try FormatFixtures.read("crlf.jsonl", contents: bytes)
      #expect(read == Array(spans.prefix(2)))
      #expect(summary.lineCount == 4)
      #expect(summary.documentCount == 2)
    }

    @Test func unknownKeysAreCountedNotDropped() throws {
      let line =
        #"{"trace_id":"t","span_id":"s","parent_span_id":null,"service_name":"a","operation_name":"o","#
        + #""start_time":1698000000000000000,"end_time":1698000000000000001,"status_code":0,"kind":"server"}"#
      let (spans, summary) = try FormatFixtures.read("extra.jsonl", contents: line)
      #expect(spans.count == 1)
      #expect(spans[0].tags.isEmpty && spans[0].logs.isEmpty)
      #expect(summary.normalizations == [.unknownSpanKeysIgnored: 1])
    }
  }
}
