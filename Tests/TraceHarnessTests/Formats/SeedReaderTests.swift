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
  @Suite struct SeedReaderTests {
    static func line(traceID: String = "trace-00000009-00000000", spans: [String]) -> String {
      #"{"trace_id":"\#(traceID)","spans":[\#(spans.joined(separator: ","))]}"#
    }

    static func span(
      id: String = "00000000000000a1", start: Int64, end: Int64, duration: Int64? = nil,
      traceID: String = "trace-00000009-00000000"
    ) -> String {
      let durationKey = duration.map { #""duration":\#($0),"# } ?? ""
      return
        #"{"trace_id":"\#(traceID)","span_id":"\#(id)","parent_span_id":null,"service_name":"s","#
        + #""operation_name":"o","start_time":\#(start),"end_time":\#(end),\#(durationKey)"#
        + #""tags":{},"logs":[{"timestamp":\#(start),"event":"e"}],"status_code":0}"#
    }

    @Test func microsecondTimesAreNormalizedToNanosecondsAndReported() throws {
      let (spans, summary) = try FormatFixtures.read("seed-traces.jsonl")
      #expect(summary.sourceTimestampUnit == .microseconds)
      #expect(spans[0].startTimeNanos == 1_698_000_000_000_000_000)
      #expect(spans[0].durationNanos == 52_000_000)
      #expect(spans[1].logs[0].timestampNanos == 1_698_000_000_023_000_000)
      #expect(spans[1].logs[0].fields == [Tag("key", .string("user:12345"))])
    }

    @Test func traceIDsSpanIDsAndStatusAreKeptAsWritten() throws {
      let (spans, summary) = try FormatFixtures.read("seed-traces.jsonl")
      #expect(
        spans.map(\.traceID) == Array(repeating: "trace-00000001-52c48291", count: 3)
          + Array(repeating: "trace-00000002-8e1f0c3a", count: 2))
      #expect(spans[1].parentSpanID == "52c48291a0f3b7e1")
      #expect(spans.map(\.statusCode) == [0, 0, 1, 0, 0])
      #expect(summary.documentCount == 2)
      #expect(summary.normalizations.isEmpty)
    }

    @Test func nanosecondSeedFilesAreReadAsNanoseconds() throws {
      let text = Self.line(spans: [
        Self.span(start: 1_698_000_000_000_000_000, end: 1_698_000_000_000_001_000)
      ])
      let (spans, summary) = try FormatFixtures.read("ns.jsonl", contents: text, as: .seed)
      #expect(summary.sourceTimestampUnit == .nanoseconds)
      #expect(spans[0].durationNanos == 1_000)
    }

    @Test func aDurationThatDisagreesWithTheTimesIsCountedAndIgnored() throws {
      let text = Self.line(spans: [
        Self.span(start: 1_698_000_000_000_000, end: 1_698_000_000_052_000, duration: 52)
      ])
      let (spans, summary) = try FormatFixtures.read("d.jsonl", contents: text)
      #expect(spans[0].durationNanos == 52_000_000)
      #expect(summary.normalizations == [.inconsistentSeedDuration: 1])
      #expect(
        summary.normalizationNotes == [
          "1 spans whose duration disagreed with end - start (ignored)"
        ])
    }

    @Test func aFileMixingMicrosecondsAndNanosecondsIsAnError() throws {
      let text =
        Self.line(spans: [Self.span(start: 1_698_000_000_000_000, end: 1_698_000_000_052_000)])
        + "\n"
        + Self.line(spans: [
          Self.span(start: 1_698_000_000_000_000_000, end: 1_698_000_000_052_000_000)
        ])
      let error = try #require(
        try FormatFixtures.readError("mixed.jsonl", contents: text))
      #expect(error.line == 2)
      #expect(
        error.description.contains(
          "spans[0]: field \"start_time\": 1698000000000000000 reads as ns, but earlier spans of this file were in µs"
        ))
    }

    @Test func aSpanOfAnotherTraceInsideATraceLineIsAnError() throws {
      let text = Self.line(spans: [
        Self.span(start: 1_698_000_000_000_000, end: 1_698_000_000_052_000, traceID: "other")
      ])
      let error = try #require(
        try FormatFixtures.readError("t.jsonl", contents: text, as: .seed))
      #expect(
        error.description
          == #"t.jsonl line 1: spans[0]: span trace_id "other" differs from its trace's "trace-00000009-00000000""#
      )
    }
  }
}
