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
  @Suite struct ZipkinReaderTests {
    @Test func aTraceSplitAcrossTwoArraysKeepsItsLinks() throws {
      let spans = try FormatFixtures.read("zipkin-traces.json").spans
      let split = spans.filter { $0.traceID == "5af7183fb1d4cf5f" }
      #expect(split.count == 3)
      #expect(split[2].parentSpanID == split[1].spanID)
      #expect(split.map(\.serviceName) == ["frontend", "frontend", "backend"])
    }

    @Test func microsecondsBecomeNanoseconds() throws {
      let (spans, summary) = try FormatFixtures.read("zipkin-traces.json")
      #expect(summary.sourceTimestampUnit == .microseconds)
      #expect(spans[0].startTimeNanos == 1_698_000_000_000_000_000)
      #expect(spans[0].durationNanos == 207_000_000)
      #expect(
        spans[1].logs == [LogEvent(timestampNanos: 1_698_000_000_006_000_000, event: "wire send")])
    }

    @Test func errorTagMeansErrorStatusAndTagsStayStringsWithTheRemoteEndpointAfterThem() throws {
      let spans = try FormatFixtures.read("zipkin-traces.json").spans
      #expect(spans.map(\.statusCode) == [0, 1, 0, 0, 0])
      #expect(
        spans[1].tags == [
          Tag("http.path", .string("/api")), Tag("error", .string("timeout")),
          Tag("peer.service", .string("backend")), Tag("net.peer.ip", .string("192.168.99.101")),
          Tag("net.peer.port", .int(9000)),
        ])
    }

    @Test func missingServiceAndDurationAreFilledInAndCounted() throws {
      let (spans, summary) = try FormatFixtures.read("zipkin-traces.json")
      #expect(spans[3].serviceName == "unknown")
      #expect(spans[4].durationNanos == 0)
      #expect(summary.normalizations == [.unknownServiceName: 1, .missingDurationAsZero: 1])
      #expect(
        summary.normalizationNotes == [
          "1 spans given service \"unknown\" (no service name in the source)",
          "1 spans without duration, ended at their start",
        ])
    }

    @Test func aFlatSpanArrayIsReadToo() throws {
      let text =
        #"[{"traceId":"5af7183fb1d4cf5f","id":"6b221d5bc9e6496c","name":"get","timestamp":1698000000000000,"#
        + #""duration":10,"localEndpoint":{"serviceName":"web"},"tags":{"http.status_code":"200"}}]"#
      let (spans, summary) = try FormatFixtures.read("flat.json", contents: text)
      #expect(summary.format == .zipkin)
      var expected = Span(
        traceID: "5af7183fb1d4cf5f", spanID: "6b221d5bc9e6496c", parentSpanID: nil,
        serviceName: "web",
        operationName: "get", startTimeNanos: 1_698_000_000_000_000_000,
        endTimeNanos: 1_698_000_000_000_010_000,
        tags: [Tag("http.status_code", .string("200"))])
      expected.resource = Resource(attributes: [Tag("service.name", .string("web"))])
      #expect(spans == [expected])
    }
  }
}
