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
  @Suite struct JaegerReaderTests {
    @Test func servicesComeFromEachTracesOwnProcesses() throws {
      // Both data entries name a process "p1", for different services.
      let spans = try FormatFixtures.read("jaeger-traces.json").spans
      #expect(spans.map(\.serviceName) == ["frontend", "redis", "driver", "route"])
    }

    @Test func aTraceSplitAcrossTwoDataEntriesKeepsItsLinks() throws {
      let (spans, summary) = try FormatFixtures.read("jaeger-traces.json")
      #expect(spans[1].parentSpanID == "a3f5c7e9b1d24680")
      #expect(spans[2].parentSpanID == "a3f5c7e9b1d24680")
      #expect(spans[2].traceID == spans[0].traceID)
      #expect(summary.normalizations[.parentFromFollowsFrom] == 1)
    }

    @Test func typedTagsAndErrorStatus() throws {
      let spans = try FormatFixtures.read("jaeger-traces.json").spans
      #expect(
        spans[0].tags == [
          Tag("span.kind", .string("server")), Tag("http.status_code", .int(200)),
          Tag("sampler.param", .bool(true)),
        ])
      #expect(spans[1].tags[1] == Tag("latency.seconds", .double(0.02)))
      #expect(spans.map(\.statusCode) == [0, 1, 1, 0])
    }

    @Test func logEventFieldIsTheEventName() throws {
      let (spans, summary) = try FormatFixtures.read("jaeger-traces.json")
      #expect(
        spans[0].logs == [
          LogEvent(
            timestampNanos: 1_698_000_000_001_000_000, event: "HTTP request received",
            fields: [Tag("level", .string("info"))])
        ])
      #expect(spans[1].logs[0].event == "")
      #expect(summary.normalizations[.logWithoutEventName] == 1)
    }

    @Test func aResponseWithoutDataSaysWhy() throws {
      let failed = try #require(
        try FormatFixtures.readError(
          "e.json",
          contents: #"{"data":null,"total":0,"errors":[{"code":404,"msg":"trace not found"}]}"#))
      #expect(
        failed.description
          == #"e.json: field "data": expected an array of traces, found null; the response reports errors: [{"code":404,"msg":"trace not found"}]"#
      )
      let otlp = try #require(
        FormatFixtures.readError(FormatFixtures.url("otlp-lines.jsonl"), as: .jaeger))
      #expect(
        otlp.description
          == "otlp-lines.jsonl: expected a Jaeger query-API object with data, found an object with resourceSpans (it looks like otlp)"
      )
    }

    @Test func microsecondsBecomeNanoseconds() throws {
      let (spans, summary) = try FormatFixtures.read("jaeger-traces.json")
      #expect(summary.sourceTimestampUnit == .microseconds)
      #expect(spans[0].durationNanos == 693_000_000)
      #expect(spans[3].startTimeNanos == 1_698_000_000_900_000_000)
    }
  }
}
