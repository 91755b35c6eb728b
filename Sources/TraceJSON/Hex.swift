/// Hexadecimal digits: the one routine behind every hex id the harness reads or writes (OTLP and
/// Zipkin ids, the binary form of UUIDs, JSON's `\u00XX` escapes).
///
/// Its inlinable routines are public rather than package: Swift 6.3 does not inline or specialize
/// a package declaration's `@inlinable` body in another module (as `ByteCursor` found).
public enum Hex {
  /// The lower-case digit of `nibble` (0…15).
  @inlinable @inline(__always)
  public static func digit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
  }

  /// The value of a hex digit of either case, or nil for any other byte.
  @inlinable @inline(__always)
  public static func value(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  package static func isDigit(_ byte: UInt8) -> Bool { value(byte) != nil }

  /// Lower-case hex of `bytes`, two digits a byte.
  ///
  /// Inlinable, as `decode` is, so callers in other modules get it specialized for their
  /// collection: unspecialized, every id of an OTLP read went through `Data`'s generic iterator.
  @inlinable
  public static func encode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
    if let text = bytes.withContiguousStorageIfAvailable(encode) { return text }
    return String(unsafeUninitializedCapacity: bytes.count * 2) { text in
      var index = 0
      for byte in bytes {
        text[index] = digit(byte >> 4)
        text[index + 1] = digit(byte & 0xF)
        index += 2
      }
      return index
    }
  }

  /// Lower-case hex of bytes in memory: the path every array and slice takes, without a
  /// collection's iterator (ids read from OTLP protobuf spent a third of their time in one).
  @inlinable
  public static func encode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(unsafeUninitializedCapacity: bytes.count * 2) { text in
      for index in bytes.indices {
        text[2 * index] = digit(bytes[index] >> 4)
        text[2 * index + 1] = digit(bytes[index] & 0xF)
      }
      return bytes.count * 2
    }
  }

  /// `value` as 16 lower-case digits, leading zeros kept: how a 64-bit hash is written down.
  package static func encode(_ value: UInt64) -> String {
    encode(stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: value >> $0) })
  }

  /// Writes the 36-byte text of a UUID, `high` and `low` its 128 bits most significant first, to
  /// `out`, eight digits at a time: three UUIDs per generated span made this generation's largest
  /// single cost when it went a byte at a time.
  package static func writeUUID(high: UInt64, low: UInt64, to out: UnsafeMutablePointer<UInt8>) {
    let raw = UnsafeMutableRawPointer(out)
    let second = eightDigits(UInt32(truncatingIfNeeded: high))
    let third = eightDigits(UInt32(truncatingIfNeeded: low >> 32))
    // 8-4-4-4-12: each 8-digit group split where the dashes go.
    raw.storeBytes(of: eightDigits(UInt32(truncatingIfNeeded: high >> 32)), toByteOffset: 0, as: UInt64.self)
    raw.storeBytes(of: UInt32(truncatingIfNeeded: second), toByteOffset: 9, as: UInt32.self)
    raw.storeBytes(of: UInt32(truncatingIfNeeded: second >> 32), toByteOffset: 14, as: UInt32.self)
    raw.storeBytes(of: UInt32(truncatingIfNeeded: third), toByteOffset: 19, as: UInt32.self)
    raw.storeBytes(of: UInt32(truncatingIfNeeded: third >> 32), toByteOffset: 24, as: UInt32.self)
    raw.storeBytes(of: eightDigits(UInt32(truncatingIfNeeded: low)), toByteOffset: 28, as: UInt64.self)
    for offset in [8, 13, 18, 23] { out[offset] = UInt8(ascii: "-") }
  }

  /// The eight lower-case hex digits of `value`, most significant first in memory order: each
  /// nibble spread to a byte of its own, then 0-9 and a-f offset to their ASCII codes at once.
  @inline(__always)
  private static func eightDigits(_ value: UInt32) -> UInt64 {
    var spread = UInt64(value)
    spread = (spread | spread << 16) & 0x0000_FFFF_0000_FFFF
    spread = (spread | spread << 8) & 0x00FF_00FF_00FF_00FF
    spread = (spread | spread << 4) & 0x0F0F_0F0F_0F0F_0F0F
    // The least significant nibble is now in the lowest byte, which memory holds first.
    spread = spread.byteSwapped
    let letters = ((spread &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
    let ascii = spread &+ 0x3030_3030_3030_3030 &+ letters &* UInt64(UInt8(ascii: "a") - UInt8(ascii: "0") - 10)
    return ascii.littleEndian
  }

  /// The bytes of an even number of hex digits of either case; nil for anything else.
  @inlinable
  public static func decode<Digits: Collection<UInt8>>(_ digits: Digits) -> [UInt8]? {
    guard digits.count.isMultiple(of: 2) else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var high: UInt8? = nil
    for digit in digits {
      guard let nibble = value(digit) else { return nil }
      if let first = high {
        bytes.append(first << 4 | nibble)
        high = nil
      } else {
        high = nibble
      }
    }
    return bytes
  }
}
