import Codecs
import TraceModel

/// LEB128 varints and zigzag signs: the integer encoding of the analysis columns, as Protocol
/// Buffers use it.
enum Varint {
  static func append(_ value: UInt64, to out: inout [UInt8]) {
    var value = value
    while value >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    out.append(UInt8(value))
  }

  static func appendSigned(_ value: Int64, to out: inout [UInt8]) {
    append(zigzag(value), to: &out)
  }

  /// Maps small magnitudes of either sign to small unsigned values: 0, −1, 1, −2 → 0, 1, 2, 3.
  static func zigzag(_ value: Int64) -> UInt64 {
    UInt64(bitPattern: (value << 1) ^ (value >> 63))
  }

  static func unzigzag(_ value: UInt64) -> Int64 {
    Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
  }

  /// Reads a varint at `position`, advancing it; nil at a truncated or overlong value.
  /// The longest a 64-bit value takes: ten bytes of seven bits.
  static let maxBytes = 10

  static func read(_ bytes: [UInt8], at position: inout Int) -> UInt64? {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while position < bytes.count, shift < 64 {
      let byte = bytes[position]
      position += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
    return nil
  }

  static func readSigned(_ bytes: [UInt8], at position: inout Int) -> Int64? {
    read(bytes, at: &position).map(unzigzag)
  }
}

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
