import TraceModel

/// The bytes of one column as a block is encoded: LEB128 varints, zigzag for signed values.
///
/// Signed differences are taken with wrapping arithmetic (`&-`) by the callers, and the decoder
/// adds them back with `&+`: modulo 2⁶⁴ the pair is exact for any Int64, so no input traps.
struct ColumnBuffer {
  var bytes: [UInt8] = []

  mutating func varint(_ value: UInt64) { Varint.append(value, to: &bytes) }

  mutating func varint(_ value: Int) { varint(UInt64(truncatingIfNeeded: value)) }

  mutating func signed(_ value: Int64) { varint(Varint.zigzag(value)) }

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
