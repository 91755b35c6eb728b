import Foundation
import Testing
@testable import Measurement
@testable import TraceJSON

/// Distinct counts and entropies that merge: exact while small, a HyperLogLog estimate past that,
/// within its stated error of the exact count.
@Suite struct DistinctValuesTests {
  /// 1.04 / √4096 is the sketch's standard error; 3.5 of them bound every count tried here.
  private let allowedRelativeError = 3.5 * 1.04 / 64

  private func values(_ range: Range<Int>, prefix: String = "trace-") -> [String] {
    range.map { "\(prefix)\($0)" }
  }

  @Test(arguments: [10, 1_000, 5_000, 20_000, 100_000, 400_000])
  func theSketchEstimatesWithinItsErrorOfTheExactCount(count: Int) {
    var sketch = HyperLogLog()
    for value in values(0..<count) { sketch.add(value) }
    let error = abs(Double(sketch.estimate - count)) / Double(count)
    #expect(error <= allowedRelativeError, "estimate \(sketch.estimate) of \(count)")
  }

  @Test func mergedSketchesAreTheSketchOfTheUnion() {
    var first = HyperLogLog()
    var second = HyperLogLog()
    var union = HyperLogLog()
    for value in values(0..<30_000) { first.add(value) }
    for value in values(20_000..<50_000) { second.add(value) }
    for value in values(0..<50_000) { union.add(value) }
    first.merge(second)
    #expect(first == union)
    #expect(abs(Double(first.estimate - 50_000)) / 50_000 <= allowedRelativeError)
  }

  @Test func smallSetsMergeExactly() {
    var merged = DistinctValues(values(0..<600))
    merged.merge(DistinctValues(values(300..<900)))
    #expect(merged.count == 900)
    #expect(!merged.isEstimate)
  }

  /// One shard's count is its own exact count whatever its size; only the union of a shard past
  /// the limit with another is an estimate.
  @Test func aShardPastTheLimitIsExactAloneAndAnEstimateOnceMerged() {
    let count = DistinctValues.exactLimit * 20
    var builder = DistinctValues.Builder()
    for value in values(0..<count) { builder.add(value) }
    var merged = builder.finish(count: count)
    #expect(merged.count == count)
    #expect(!merged.isEstimate)
    merged.merge(DistinctValues(values(count - 100..<count + 100)))
    #expect(merged.isEstimate)
    #expect(abs(Double(merged.count - (count + 100))) / Double(count + 100) <= allowedRelativeError)
  }

  @Test func theSketchSurvivesItsJSON() throws {
    var sketch = HyperLogLog()
    for value in values(0..<3_000) { sketch.add(value) }
    let text = try JSONText.encode([sketch])
    #expect(try JSONDecoder().decode([HyperLogLog].self, from: Data(text.utf8)) == [sketch])
  }

  @Test func mergedCountsGiveTheEntropyOfAllSymbolsTogether() {
    var first = SymbolCounts<String>()
    var second = SymbolCounts<String>()
    var both = SymbolCounts<String>()
    for (index, symbol) in ["a", "b", "a", "c", "a"].enumerated() {
      index < 3 ? first.add(symbol) : second.add(symbol)
      both.add(symbol)
    }
    var merged = EntropyTally(first)
    merged.merge(EntropyTally(second))
    #expect(merged.bits == both.entropyBits)
    #expect(merged.bits != EntropyTally(first).bits + EntropyTally(second).bits)
    #expect(!merged.summedOverShards)
  }

  @Test func tooManySymbolsToKeepAreSummedOverShardsAndSaySo() {
    var large = SymbolCounts<Int>()
    for symbol in 0...EntropyTally.exactSymbolLimit { large.add(symbol) }
    var small = SymbolCounts<Int>()
    small.add(1)
    small.add(2)
    var merged = EntropyTally(large)
    merged.merge(EntropyTally(small))
    #expect(merged.summedOverShards)
    #expect(merged.bits == large.entropyBits + small.entropyBits)
  }
}
