/// Packs small unsigned values into a fixed number of bits each.
struct BitPacker {
  let bitsPerValue: Int
  public private(set) var bytes: [UInt8] = []
  private var pendingBits: UInt64 = 0
  private var pendingCount = 0

  public init(bitsPerValue: Int) {
    self.bitsPerValue = bitsPerValue
  }

  /// The width that holds indices below `count`: 0 for a single symbol.
  static func width(forSymbols count: Int) -> Int {
    count <= 1 ? 0 : Int.bitWidth - (count - 1).leadingZeroBitCount
  }

  mutating func append(_ value: Int) {
    guard bitsPerValue > 0 else { return }
    pendingBits |= UInt64(value) << UInt64(pendingCount)
    pendingCount += bitsPerValue
    while pendingCount >= 8 {
      bytes.append(UInt8(truncatingIfNeeded: pendingBits))
      pendingBits >>= 8
      pendingCount -= 8
    }
  }

  /// The packed bytes, the last one padded.
  var finished: [UInt8] {
    pendingCount > 0 ? bytes + [UInt8(truncatingIfNeeded: pendingBits)] : bytes
  }

  static func unpack(_ bytes: [UInt8], bitsPerValue: Int, count: Int) -> [Int] {
    guard bitsPerValue > 0 else { return [Int](repeating: 0, count: count) }
    var values: [Int] = []
    values.reserveCapacity(count)
    var bitPosition = 0
    for _ in 0..<count {
      var value = 0
      for bit in 0..<bitsPerValue {
        let position = bitPosition + bit
        if bytes[position >> 3] & (1 << UInt8(position & 7)) != 0 { value |= 1 << bit }
      }
      values.append(value)
      bitPosition += bitsPerValue
    }
    return values
  }
}
