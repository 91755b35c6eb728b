import Testing
import TraceModel
import TraceStore

/// Every damaged file must fail to decode; none may decode to spans that differ from the input.
@Suite struct CorruptionTests {
  static let spans = Array(repeating: StoreTestData.fullFidelitySpans(), count: 6).joined().map { $0 }

  static func file() throws -> [UInt8] {
    try StoreTestData.encode(spans, options: TraceStoreOptions(maxSpansPerBlock: 12)).bytes
  }

  /// 200 positions spread evenly over the file, so header, every block and the index are hit.
  static func positions(in count: Int) -> [Int] { (0..<200).map { $0 * count / 200 } }

  @Test func everyBitFlipAtTwoHundredPositionsIsAnError() throws {
    let bytes = try Self.file()
    var decodedWrongly = 0, decodedAnyway = 0
    for (index, position) in Self.positions(in: bytes.count).enumerated() {
      var damaged = bytes
      damaged[position] ^= UInt8(1) << UInt8(index % 8)
      if let spans = try? StoreTestData.decode(damaged) {
        if spans == Self.spans { decodedAnyway += 1 } else { decodedWrongly += 1 }
      }
    }
    #expect(decodedWrongly == 0)
    #expect(decodedAnyway == 0)
  }

  @Test func everyTruncationAtTwoHundredPositionsIsAnError() throws {
    let bytes = try Self.file()
    var decoded = 0
    for position in Self.positions(in: bytes.count) {
      if (try? StoreTestData.decode(Array(bytes.prefix(position)))) != nil { decoded += 1 }
    }
    #expect(decoded == 0)
  }

  @Test func randomBytesAfterAValidHeaderNeverTrap() throws {
    var generator = SystemRandomNumberGenerator()
    let header = Array(try Self.file().prefix(10))
    for _ in 0..<200 {
      let noise = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
      #expect(throws: TraceStoreError.self) { try StoreTestData.decode(header + [0x42] + noise) }
    }
  }
}
