/// The bytes of one column as a block is encoded: LEB128 varints, zigzag for signed values.
///
/// Signed differences are taken with wrapping arithmetic (`&-`) by the callers, and the decoder
/// adds them back with `&+`: modulo 2⁶⁴ the pair is exact for any Int64, so no input traps.
struct ColumnBuffer {
  var bytes: [UInt8] = []

  mutating func varint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  mutating func varint(_ value: Int) { varint(UInt64(truncatingIfNeeded: value)) }

  mutating func signed(_ value: Int64) { varint(Zigzag.encode(value)) }

  mutating func byte(_ value: UInt8) { bytes.append(value) }

  mutating func raw<Bytes: Sequence>(_ data: Bytes) where Bytes.Element == UInt8 {
    bytes.append(contentsOf: data)
  }

  /// A length-prefixed UTF-8 string.
  mutating func string(_ text: String) {
    varint(text.utf8.count)
    bytes.append(contentsOf: text.utf8)
  }

  /// Eight bytes, little-endian: a double's bit pattern, which no text form would keep exactly.
  mutating func fixed64(_ value: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
  }
}

/// Signed integers as unsigned ones with small magnitudes first: 0, -1, 1, -2 → 0, 1, 2, 3.
enum Zigzag {
  static func encode(_ value: Int64) -> UInt64 {
    UInt64(bitPattern: (value << 1) ^ (value >> 63))
  }

  static func decode(_ value: UInt64) -> Int64 {
    Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
  }
}
