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

@Suite struct DeterminismTests {
  @Test func sameSeedGivesIdenticalBytes() throws {
    let first = try TestData.dataset(traces: 200, seed: 7)
    let second = try TestData.dataset(traces: 200, seed: 7)
    #expect(first.bytes == second.bytes)
    #expect(first.bytes.count > 50_000)
  }

  @Test func differentSeedGivesDifferentBytes() throws {
    let first = try TestData.dataset(traces: 50, seed: 7)
    let second = try TestData.dataset(traces: 50, seed: 8)
    #expect(first.bytes != second.bytes)
  }

  @Test(arguments: [2, 4])
  func workerThreadsDoNotChangeTheBytes(threads: Int) throws {
    let single = try TestData.dataset(traces: 1_200, threads: 1)
    let parallel = try TestData.dataset(traces: 1_200, threads: threads)
    #expect(single.bytes == parallel.bytes)
  }

  @Test func portableLogMatchesTheSystemLogarithm() {
    for x in [1e-300, 1e-9, 0.001, 0.3, 0.5, 0.70710678, 1, 1.5, 2, 10, 12345.678, 1e300] {
      let expected = Foundation.log(x)
      #expect(abs(PortableMath.log(x) - expected) <= 4e-16 * max(1, abs(expected)))
    }
  }

  @Test func irwinHallNormalHasUnitVarianceAndZeroMean() {
    var rng = SplitMix64(seed: 1)
    let draws = (0..<200_000).map { _ in rng.standardNormal() }
    let mean = draws.reduce(0, +) / Double(draws.count)
    let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(draws.count)
    #expect(abs(mean) < 0.01)
    #expect(abs(variance - 1) < 0.02)
  }

  @Test func uuidsHaveTheVersion4Layout() {
    var rng = SplitMix64(seed: 3)
    for _ in 0..<1_000 {
      let text = Array(UUIDv4.random(using: &rng).utf8)
      #expect(text.count == 36)
      #expect(text[14] == UInt8(ascii: "4"))
      #expect([UInt8]("89ab".utf8).contains(text[19]))
      #expect([8, 13, 18, 23].allSatisfy { text[$0] == UInt8(ascii: "-") })
    }
  }

  /// The eight-digits-at-a-time writer against Foundation's text of the same 128 bits.
  @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0xffff, 0xabcdef])
  func uuidTextIsFoundationsLowercased(_ seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    for _ in 0..<200 {
      let bits = UUIDv4.randomBits(using: &rng)
      var bytes: [UInt8] = []
      for half in [bits.high, bits.low] {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: half >> UInt64(shift))) }
      }
      let uuid = bytes.withUnsafeBytes { UUID(uuid: $0.load(as: uuid_t.self)) }
      #expect(UUIDv4.format(bits) == uuid.uuidString.lowercased())
    }
  }
}

import Foundation
