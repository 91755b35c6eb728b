import Testing
@testable import TraceModel
@testable import TraceJSON

@Suite struct FNV1a64Tests {
  /// The published test vectors of FNV-1a 64 (the empty string, "a", "foobar"): the digest is
  /// written into reports and HyperLogLog sketches, so it must be FNV-1a exactly.
  @Test func itGivesThePublishedVectors() {
    #expect(Hex.encode(FNV1a64.of("".utf8)) == "cbf29ce484222325")
    #expect(Hex.encode(FNV1a64.of("a".utf8)) == "af63dc4c8601ec8c")
    #expect(Hex.encode(FNV1a64.of("foobar".utf8)) == "85944171f73967e8")
  }

  @Test func aRunningDigestEqualsTheDigestOfTheWhole() {
    var running = FNV1a64()
    running.add("foo".utf8)
    running.add("bar".utf8)
    #expect(running.value == FNV1a64.of("foobar".utf8))
    // A sequence without contiguous storage takes the iterator, with the same result.
    #expect(FNV1a64.of(AnySequence("foobar".utf8)) == FNV1a64.of(Array("foobar".utf8)[...]))
  }
}
