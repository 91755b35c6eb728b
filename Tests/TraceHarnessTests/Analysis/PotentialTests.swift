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

@Suite struct PotentialTests {
  /// Emits hand-built spans as the pipeline would.
  private func emitted(_ spans: [Span]) -> [SpanLine] {
    spans.enumerated().map { index, span in
      var line: [UInt8] = []
      let fields = SpanJSONWriter.write(span, into: &line)
      return SpanLine(span: span, bytes: line[...], fieldBytes: fields)
    }
  }

  private func span(_ trace: String, _ id: String, parent: String?, service: String, start: Int64, end: Int64)
    -> Span
  {
    Span(
      traceID: trace, spanID: id, parentSpanID: parent, serviceName: service,
      operationName: "op-" + service, startTimeNanos: start, endTimeNanos: end)
  }

  /// Two traces of two spans over two services, in arrival order (children end first).
  private var fourSpans: [Span] {
    [
      span("t1", "a2", parent: "a1", service: "db", start: 110, end: 150),
      span("t1", "a1", parent: nil, service: "api", start: 100, end: 200),
      span("t2", "b2", parent: "b1", service: "db", start: 320, end: 330),
      span("t2", "b1", parent: nil, service: "api", start: 300, end: 400),
    ]
  }

  private func analyse(_ spans: [Span]) throws -> AnalysisResult {
    let stage = try PotentialsAnalysis()
    for span in emitted(spans) { try stage.add(span) }
    return try stage.finish()
  }

  private func potential(_ name: String, _ result: AnalysisResult) throws -> PotentialResult {
    try #require(result.potentials.first { PotentialText.name($0.potential) == name })
  }

  @Test func twoServicesOverFourSpansGiveReuseTwoAndOneBitPerSpan() throws {
    let result = try analyse(fourSpans)
    let services = try potential("service names", result)
    #expect(PotentialText.measured(services) == "2 unique, 2.0x reuse")
    #expect(services.order0EntropyBytes == 1)  // 4 spans × 1 bit = 4 bits → 1 byte
    #expect(PotentialText.details(services, zstdLevel: 19).contains { $0 == ("entropy, bits per span", "1.000") })
    #expect(services.roundTrips)
  }

  @Test func operationsCostNothingOnceTheServiceIsKnown() throws {
    let operations = try potential("operation names", try analyse(fourSpans))
    #expect(operations.order0EntropyBytes == 0)
    #expect(PotentialText.details(operations, zstdLevel: 19).contains { $0 == ("given the service, bits per span", "0.000") })
  }

  @Test func parentDeltasCountRootsAndDistances() throws {
    let parents = try potential("parent index deltas", try analyse(fourSpans))
    #expect(PotentialText.measured(parents) == "50.0% roots (-1), delta 1 for 50.0%")
    #expect(parents.encodedBytes == 4)  // one varint byte per span
    #expect(PotentialText.details(parents, zstdLevel: 19).contains { $0 == ("index − parent index (spans)", "1: 2") })
  }

  @Test func anOrphanIsCountedAndKept() throws {
    var spans = fourSpans
    spans[2].parentSpanID = "missing"
    let parents = try potential("parent index deltas", try analyse(spans))
    #expect(PotentialText.details(parents, zstdLevel: 19).contains { $0 == ("orphans (parent not in the data)", "1") })
    #expect(parents.roundTrips)
  }

  @Test func traceGroupingCountsTracesAndSpans() throws {
    let grouping = try potential("trace grouping", try analyse(fourSpans))
    #expect(PotentialText.measured(grouping) == "2 unique across 4 spans, 2.00 spans per trace")
    #expect(grouping.roundTrips)
  }

  @Test func timestampsAreOffsetsFromTheRoot() throws {
    let result = try analyse(fourSpans)
    let timestamps = try potential("root-relative timestamps", result)
    // Trace windows: 100 ns each → 0.0 ms.
    #expect(PotentialText.measured(timestamps) == "trace windows p50 0.0 ms, p95 0.0 ms")
    // Per trace: delta (2 bytes for 100 and 200 zigzag), count 1; per span: offset and duration.
    #expect(timestamps.encodedBytes == 2 + 1 + 1 + 2 + 1 + 1 + 2 + 1 + 1 + 2 + 1 + 1)
    #expect(timestamps.roundTrips)
  }

  @Test func sharesOfTheRawFileAddUpToItsSize() throws {
    let dataset = TestData.medium
    let result = try analyse(dataset.spans)
    #expect(result.potentials.reduce(0) { $0 + $1.rawBytes } == dataset.bytes.count)
    #expect(result.fieldBytes.total == dataset.bytes.count)
  }

  @Test func everyColumnRoundTripsOnMedium() throws {
    let result = try analyse(TestData.medium.spans)
    for potential in result.potentials { #expect(potential.roundTrips, "\(potential.potential)") }
    #expect(result.traces == 1_000)
  }

  @Test func theLosslessTotalIsNeverBelowTheIDFloor() throws {
    let result = try analyse(TestData.medium.spans)
    #expect(result.losslessBytes >= result.idFloorBytes)
    // 122 random bits for each of the spans and the 1,000 traces.
    let expected = (122 * (TestData.medium.spans.count + 1_000) + 7) / 8
    #expect(result.idFloorBytes == expected)
  }

  @Test func groupingByTraceDoesNotMakeZstd19WorseOnMedium() throws {
    let dataset = TestData.medium
    let result = try analyse(dataset.spans)
    let arrival = try VerifiedCompression.compressedBytes(of: dataset.bytes, with: CodecSetting(.zstd, level: 19))
    #expect(result.groupedZstdBytes <= arrival)
  }

  @Test func varintsAndZigzagRoundTrip() {
    for value: Int64 in [0, -1, 1, 63, -64, 300, Int64.max, Int64.min] {
      var bytes: [UInt8] = []
      Varint.appendSigned(value, to: &bytes)
      var position = 0
      #expect(Varint.readSigned(bytes, at: &position) == value)
      #expect(position == bytes.count)
    }
  }
}

@Suite struct TagsAndIDsPotentialTests {
  private func analyse(_ spans: [Span]) throws -> AnalysisResult {
    let stage = try PotentialsAnalysis()
    for (index, span) in spans.enumerated() {
      var line: [UInt8] = []
      let fields = SpanJSONWriter.write(span, into: &line)
      try stage.add(SpanLine(span: span, bytes: line[...], fieldBytes: fields))
    }
    return try stage.finish()
  }

  @Test func tagKeysReuseAndValueCardinalityAreCounted() throws {
    let spans = (0..<4).map { index in
      Span(
        traceID: "t\(index)", spanID: "s\(index)", parentSpanID: nil, serviceName: "api",
        operationName: "get", startTimeNanos: 1_000, endTimeNanos: 2_000,
        tags: [Tag("http.method", .string("GET")), Tag("user.id", .string("u\(index % 2)"))],
        logs: [LogEvent(timestampNanos: 1_500, event: "cache_hit", fields: [Tag("key", .string("k"))])])
    }
    let result = try analyse(spans)
    let tags = try #require(result.potentials.first { PotentialText.name($0.potential) == "tags and logs" })
    #expect(PotentialText.measured(tags) == "3 keys, 4.0x key reuse")  // 12 key uses over 3 keys
    #expect(PotentialText.details(tags, zstdLevel: 19).contains { $0 == ("distinct values per key", "user.id 2, http.method 1, key 1") })
    #expect(PotentialText.details(tags, zstdLevel: 19).contains { $0 == ("log events", "1 kinds, 4 events") })
    #expect(tags.roundTrips)
  }

  @Test func uuidV4IDsCount122BitsAndOtherIDsTheirWidth() throws {
    var rng = SplitMix64(seed: 9)
    let uuidSpans = (0..<3).map { _ in
      Span(
        traceID: UUIDv4.random(using: &rng), spanID: UUIDv4.random(using: &rng), parentSpanID: nil,
        serviceName: "a", operationName: "b", startTimeNanos: 0, endTimeNanos: 1)
    }
    let uuid = try analyse(uuidSpans)
    #expect(uuid.idFloorBytes == (122 * 6 + 7) / 8)
    let hexSpans = (0..<3).map { index in
      Span(
        traceID: "0000000000000000000000000000000\(index)", spanID: "000000000000000\(index)",
        parentSpanID: nil, serviceName: "a", operationName: "b", startTimeNanos: 0, endTimeNanos: 1)
    }
    let hex = try analyse(hexSpans)
    // 16-hex span IDs: 64 bits; 32-hex trace IDs: 128 bits — an upper estimate, stated as such.
    #expect(hex.idFloorBytes == (64 * 3 + 128 * 3) / 8)
    let ids = try #require(hex.potentials.first { $0.potential == .spanIDs })
    #expect(PotentialText.measured(ids).hasPrefix("not all UUIDv4"))
  }
}
