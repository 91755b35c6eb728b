/// LEB128 varints and zigzag signs, as Protocol Buffers encode integers: the one copy behind the
/// analysis columns (Measurement), the trace-store format's columns (TraceStore) and the OTLP
/// protobuf writer (TraceFormats). It lives here because all three build on TraceModel.
///
/// Inlinable, as the writers call it once or more a field in their hottest loops; public rather
/// than package for that, since Swift 6.3 does not inline a package declaration's `@inlinable`
/// body into another module (as `TraceJSON.ByteCursor` found).
public enum Varint {
  /// The longest a 64-bit value takes: ten bytes of seven bits.
  public static let maxBytes = 10

  @inlinable
  public static func append(_ value: UInt64, to out: inout [UInt8]) {
    var value = value
    while value >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    out.append(UInt8(value))
  }

  @inlinable
  public static func appendSigned(_ value: Int64, to out: inout [UInt8]) {
    append(zigzag(value), to: &out)
  }

  /// The bytes `append` writes for `value`.
  @inlinable
  public static func byteCount(_ value: UInt64) -> Int { (64 - (value | 1).leadingZeroBitCount + 6) / 7 }

  /// Maps small magnitudes of either sign to small unsigned values: 0, −1, 1, −2 → 0, 1, 2, 3.
  @inlinable
  public static func zigzag(_ value: Int64) -> UInt64 {
    UInt64(bitPattern: (value << 1) ^ (value >> 63))
  }

  @inlinable
  public static func unzigzag(_ value: UInt64) -> Int64 {
    Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
  }

  /// Reads a varint at `position`, advancing it; nil at a truncated or overlong value.
  ///
  /// Inlinable too: the OTLP protobuf reader (`ProtoReader`) calls it for every tag and length.
  @inlinable
  public static func read(_ bytes: [UInt8], at position: inout Int) -> UInt64? {
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

  package static func readSigned(_ bytes: [UInt8], at position: inout Int) -> Int64? {
    read(bytes, at: &position).map(unzigzag)
  }
}
