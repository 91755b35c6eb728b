import TraceModel

/// Protobuf's wire format read from a byte array, for `OTLPWireDecoding`: the fields of one
/// message, between `position` and `end` of `bytes`.
///
/// The counterpart of `ProtoWriter`. Every read returns nil, never traps, at what it cannot take:
/// a truncated or overlong varint, a length past the message's end, a tag protobuf does not have.
/// Its caller then hands the bytes to swift-protobuf, the reference, which names what is wrong.
struct ProtoReader {
  let bytes: [UInt8]
  private(set) var position: Int
  let end: Int

  enum WireType: UInt64 {
    case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
  }

  /// The message at `range` of `bytes`; the range must lie inside `bytes`.
  init(_ bytes: [UInt8], _ range: Range<Int>) {
    self.bytes = bytes
    position = range.lowerBound
    end = range.upperBound
  }

  var isAtEnd: Bool { position >= end }

  /// The next field's number and wire type. The number is the tag's whole value shifted, never
  /// truncated to 32 bits, so a tag swift-protobuf refuses as too large matches no known field.
  mutating func tag() -> (field: UInt64, wireType: WireType)? {
    guard let tag = varint(), let wireType = WireType(rawValue: tag & 7) else { return nil }
    return (tag >> 3, wireType)
  }

  mutating func varint() -> UInt64? {
    // Nearly every tag and length is one byte, taken here without the general loop's call.
    if position < end, bytes[position] < 0x80 {
      position += 1
      return UInt64(bytes[position - 1])
    }
    guard let value = Varint.read(bytes, at: &position), position <= end else { return nil }
    return value
  }

  /// A `uint32` or enum field: protobuf keeps the varint's low 32 bits.
  mutating func uint32() -> UInt32? { varint().map { UInt32(truncatingIfNeeded: $0) } }

  mutating func fixed64() -> UInt64? { littleEndian(UInt64.self) }

  mutating func fixed32() -> UInt32? { littleEndian(UInt32.self) }

  /// A `fixed64` or `fixed32` field's value: its bytes, least significant first.
  private mutating func littleEndian<Value: FixedWidthInteger & UnsignedInteger>(_: Value.Type) -> Value? {
    let size = MemoryLayout<Value>.size
    guard end - position >= size else { return nil }
    var value: Value = 0
    for offset in 0..<size { value |= Value(bytes[position + offset]) << (8 * offset) }
    position += size
    return value
  }

  /// Where a length-delimited field's bytes lie; the reader moves past them.
  mutating func lengthDelimited() -> Range<Int>? {
    guard let length = varint(), length <= UInt64(end - position) else { return nil }
    let start = position
    position += Int(length)
    return start..<position
  }

  /// A nested message's reader.
  mutating func message() -> ProtoReader? { lengthDelimited().map { ProtoReader(bytes, $0) } }

  /// A `string` field; nil when its bytes are not UTF-8, which swift-protobuf refuses.
  ///
  /// ASCII, as nearly every key and value is, is told by a scan of words and taken as it is:
  /// `String(validating:as:)` went through the standard library's unspecialized validation, its
  /// generic metadata looked up for every string, 8% of encoding the real sample.
  mutating func string() -> String? {
    guard let range = lengthDelimited() else { return nil }
    return bytes.withUnsafeBufferPointer { all in
      let text = UnsafeBufferPointer(rebasing: all[range])
      if Self.isASCII(text) { return String(decoding: text, as: UTF8.self) }
      return String(validating: text, as: UTF8.self)
    }
  }

  /// Whether every byte is below 0x80, eight bytes at a time.
  private static func isASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = text.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    var offset = 0
    var high: UInt64 = 0
    while offset + 8 <= text.count {
      high |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      offset += 8
    }
    while offset < text.count {
      high |= UInt64(text[offset])
      offset += 1
    }
    return high & 0x8080_8080_8080_8080 == 0
  }

  /// A `bytes` field.
  mutating func byteRange() -> ArraySlice<UInt8>? { lengthDelimited().map { bytes[$0] } }
}
