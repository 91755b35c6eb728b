import Foundation
import Testing
@testable import TraceFormats

@Suite struct ZipkinPartialSpanTests {
  @Test func spansWithoutTimestampOrDurationAreKeptCountedAndMarked() throws {
    let (spans, summary) = try TraceFileReader.readAll(url: Fixture.url("zipkin-partial-spans.json"))
    #expect(summary.format == .zipkin)
    #expect(spans.map(\.operationName) == ["get /orders", "query", "late", "bare"])
    #expect(spans.map(\.timingUnknown) == [false, true, true, true])
    #expect(summary.spansWithUnknownTiming == 3)
    #expect(summary.normalizations[.missingTimestampAsZero] == 2)
    #expect(summary.normalizations[.missingDurationAsZero] == 2)
    #expect(spans[0].durationNanos == 12_000_000)
    #expect(spans[1].durationNanos == 3_000_000)
  }
}

@Suite struct SeedGeneratorOutputTests {
  @Test func theSeedGeneratorsOwnOutputReadsAsTheSeedFormat() throws {
    let (spans, summary) = try TraceFileReader.readAll(url: Fixture.url("seed-generator-traces.json"))
    #expect(summary.format == .seed)
    #expect(summary.sourceTimestampUnit == .microseconds)
    #expect(spans.count == 3)
    #expect(spans[0].traceID == "trace-00000001-0f59aa1c")
    #expect(spans[1].parentSpanID == "span-00000001-0001")
    #expect(spans[1].durationNanos == 27_000_000)
    #expect(summary.normalizations[.logWithoutEventName] == 2)
    #expect(summary.normalizations[.inconsistentSeedDuration] == nil)
    let log = try #require(spans[1].logs.first)
    #expect(log.event == "")
    #expect(log.timestampNanos == 1_700_000_000_029_000_000)
    #expect(log.fields.map(\.key) == ["level", "message", "error.kind"])
    #expect(log.fields.last?.value == .string("DeadlockError"))
  }
}

@Suite struct TimestampMagnitudeTests {
  @Test func jsonlInMillisecondsIsRefusedNamingTheUnitAndTheOption() {
    let error = #expect(throws: FormatError.self) {
      try TraceFileReader.readAll(url: Fixture.url("spans-in-milliseconds.jsonl"))
    }
    #expect(error?.line == 1)
    #expect(
      error?.problem
        == "field \"start_time\": 1700000000000 reads as milliseconds since 1970, not nanoseconds "
        + "as the format states; if the file is in milliseconds, say so with --time-unit ms")
  }

  @Test func jsonlInMillisecondsReadsWhenTheUnitIsGiven() throws {
    let (spans, summary) = try TraceFileReader.readAll(
      url: Fixture.url("spans-in-milliseconds.jsonl"), timeUnit: .milliseconds)
    #expect(spans.first?.startTimeNanos == 1_700_000_000_000_000_000)
    #expect(spans.first?.durationNanos == 40_000_000)
    #expect(summary.sourceTimestampUnit == .milliseconds)
  }

  @Test func otlpInMicrosecondsIsRefusedNamingTheUnitAndTheOption() {
    let error = #expect(throws: FormatError.self) {
      try TraceFileReader.readAll(url: Fixture.url("otlp-in-microseconds.jsonl"))
    }
    #expect(error?.problem.contains("reads as microseconds since 1970, not nanoseconds") == true)
    #expect(error?.problem.hasSuffix("say so with --time-unit us") == true)
  }

  @Test(arguments: [
    (Int64(1_700_000_000), TimestampUnit?.some(.seconds)), (1_700_000_000_000, .milliseconds),
    (1_700_000_000_000_000, .microseconds), (1_700_000_000_000_000_000, .nanoseconds),
    (5_000, nil),
  ])
  func presentDayTimesAreRecognizedInEachUnit(value: Int64, unit: TimestampUnit?) {
    #expect(TimestampUnit.magnitudeGuess(forUnixTime: value) == unit)
  }

  @Test func theOptionSpellsMicrosecondsAsUs() {
    #expect(TimestampUnit(optionName: "us") == .microseconds)
    #expect(TimestampUnit(optionName: "µs") == .microseconds)
    #expect(TimestampUnit(optionName: "minutes") == nil)
  }
}

@Suite struct ZeroSpanTests {
  /// Files that are valid but hold no span reach the analysis with a span count of 0 (the
  /// report must say so rather than divide by it); a file with no JSON at all is refused.
  @Test(arguments: [("[]", TraceFormat.zipkin), (#"{"resourceSpans":[]}"#, .otlp), (#"{"data":[]}"#, .jaeger)])
  func aFileWithZeroSpansReadsAsZeroSpans(text: String, format: TraceFormat) throws {
    let url = try Fixture.write(text + "\n", named: "empty.json")
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let (spans, summary) = try TraceFileReader.readAll(url: url)
    #expect(summary.format == format)
    #expect(spans.isEmpty)
    #expect(summary.spanCount == 0)
  }
}
