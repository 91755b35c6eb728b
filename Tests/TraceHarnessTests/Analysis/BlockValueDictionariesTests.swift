import Testing
@testable import Measurement
@testable import TraceFormats
@testable import TraceModel

@Suite struct BlockValueDictionariesTests {
  /// Each block writes its own dictionaries, so a value of two blocks is written twice; the
  /// counts and the entropy are still the file's own while the values are few.
  @Test func eachBlockWritesItsOwnDictionariesAndTheFileFiguresStayExact() throws {
    var blocks = BlockValueDictionaries()
    #expect(try blocks.index(of: .string("GET"), key: 0).index == 0)
    #expect(try blocks.index(of: .string("GET"), key: 0).index == 0)
    try blocks.endBlock(keyCount: 1)
    #expect(try blocks.index(of: .string("POST"), key: 0).index == 0)
    #expect(try blocks.index(of: .string("GET"), key: 0).index == 1)
    #expect(try blocks.index(of: .int(200), key: 1).index == 0)
    try blocks.endBlock(keyCount: 2)

    var reader = EncodedColumnReader(blocks.written.pieces())
    let first = try #require(try BlockValueDictionaries.decodeBlock(from: &reader))
    let second = try #require(try BlockValueDictionaries.decodeBlock(from: &reader))
    #expect(try reader.isAtEnd())
    let identity = { (value: TagValue) in HyperLogLog.hash(value.typedText) }
    #expect(first == [[identity(.string("GET"))]])
    #expect(second == [[identity(.string("POST")), identity(.string("GET"))], [identity(.int(200))]])
    #expect(blocks.distinctValues(key: 0).count == 2 && !blocks.distinctValues(key: 0).isEstimate)
    // GET three times, POST once over the file: the entropy of those counts, not of each block's.
    var file = SymbolCounts<Int>()
    for symbol in [0, 0, 1, 0] { file.add(symbol) }
    let tally = blocks.entropyTally(key: 0)
    #expect(abs(tally.bits - file.entropyBits) < 1e-9 && !tally.summedOverShards)
  }

  /// Past 1,024 values over several blocks the distinct count is a HyperLogLog estimate and the
  /// entropy each block's own, summed; with one block both are exact.
  @Test func manyValuesOverBlocksAreEstimatedAndMarked() throws {
    var blocks = BlockValueDictionaries()
    var single = BlockValueDictionaries()
    var blockBits = 0.0
    for block in 0..<3 {
      var counts = SymbolCounts<Int>()
      for number in 0..<1_000 {
        // Half of each block's values are new, half recur in every block.
        let value = TagValue.string(number % 2 == 0 ? "shared-\(number)" : "block\(block)-\(number)")
        counts.add(try blocks.index(of: value, key: 0).index)
        _ = try single.index(of: value, key: 0)
      }
      blockBits += counts.entropyBits
      try blocks.endBlock(keyCount: 1)
    }
    try single.endBlock(keyCount: 1)
    let distinct = blocks.distinctValues(key: 0)
    #expect(distinct.isEstimate)
    #expect(abs(Double(distinct.count - 2_000)) / 2_000 < 0.05)
    let tally = blocks.entropyTally(key: 0)
    #expect(tally.summedOverShards && abs(tally.bits - blockBits) < 1e-6)
    #expect(single.distinctValues(key: 0).count == 2_000 && !single.distinctValues(key: 0).isEstimate)
    #expect(!single.entropyTally(key: 0).summedOverShards)
  }

  /// The potential decodes its column through every block's dictionaries, a partial last one too.
  @Test func thePotentialRoundTripsOverBlocks() throws {
    func measured(blockSpans: Int) throws -> PotentialResult {
      var potential = TagsAndLogsPotential(blockSpans: blockSpans)
      for index in 0..<5 {
        let span = Span(
          traceID: "t\(index)", spanID: "s\(index)", parentSpanID: nil, serviceName: "api", operationName: "get",
          startTimeNanos: 1_000, endTimeNanos: 2_000,
          tags: [Tag("http.method", .string(index % 2 == 0 ? "GET" : "POST")), Tag("n", .int(Int64(index)))],
          logs: [LogEvent(timestampNanos: 1_500, event: "e", fields: [Tag("k", .string("v\(index % 3)"))])])
        var line: [UInt8] = []
        let fields = SpanJSONWriter.write(span, into: &line)
        try potential.add(SpanLine(span: span, bytes: line[...], fieldBytes: fields))
      }
      return try potential.finish(zstdLevel: 3)
    }
    let blocked = try measured(blockSpans: 2)
    let whole = try measured(blockSpans: 100)
    #expect(blocked.roundTrips && whole.roundTrips)
    // GET, POST and v0 to v2 are written again in each of the three blocks that has them.
    #expect(blocked.encodedBytes > whole.encodedBytes)
  }
}
