import TraceFormats
import TraceJSON
import TraceModel

/// Random UUIDs in the version-4 layout, drawn from the seeded generator.
enum UUIDv4 {
  /// The 128 bits of a UUID, most significant first.
  struct Bits: Sendable, Equatable {
    var high: UInt64
    var low: UInt64
  }

  /// The text of a UUID: 32 hex digits and 4 dashes.
  static let textBytes = 36

  /// 122 random bits, the version nibble 4 and the variant bits 10.
  static func randomBits(using rng: inout SplitMix64) -> Bits {
    let high = (rng.next() & ~0xF000) | 0x4000
    let low = (rng.next() & ~(0b11 << 62)) | (0b10 << 62)
    return Bits(high: high, low: low)
  }

  /// A UUID string such as `550e8400-e29b-41d4-a716-446655440000`.
  static func random(using rng: inout SplitMix64) -> String {
    format(randomBits(using: &rng))
  }

  /// The 8-4-4-4-12 text of a 128-bit value.
  static func format(_ bits: Bits) -> String {
    String(unsafeUninitializedCapacity: textBytes) { buffer in
      write(bits, to: buffer.baseAddress!)
      return textBytes
    }
  }

  /// Writes the text of `bits` to the `textBytes` bytes at `out`, eight digits at a time: three
  /// UUIDs per span made this the generator's largest single cost when it went a byte at a time.
  static func write(_ bits: Bits, to out: UnsafeMutablePointer<UInt8>) {
    let raw = UnsafeMutableRawPointer(out)
    let first = digits(UInt32(truncatingIfNeeded: bits.high >> 32))
    let second = digits(UInt32(truncatingIfNeeded: bits.high))
    let third = digits(UInt32(truncatingIfNeeded: bits.low >> 32))
    let fourth = digits(UInt32(truncatingIfNeeded: bits.low))
    // 8-4-4-4-12: each 8-digit group split where the dashes go.
    raw.storeBytes(of: first, toByteOffset: 0, as: UInt64.self)
    raw.storeBytes(of: UInt32(truncatingIfNeeded: second), toByteOffset: 9, as: UInt32.self)
    raw.storeBytes(of: UInt32(truncatingIfNeeded: second >> 32), toByteOffset: 14, as: UInt32.self)
    raw.storeBytes(of: UInt32(truncatingIfNeeded: third), toByteOffset: 19, as: UInt32.self)
    raw.storeBytes(of: UInt32(truncatingIfNeeded: third >> 32), toByteOffset: 24, as: UInt32.self)
    raw.storeBytes(of: fourth, toByteOffset: 28, as: UInt64.self)
    for offset in [8, 13, 18, 23] { out[offset] = UInt8(ascii: "-") }
  }

  /// The eight lowercase hex digits of `value`, most significant first in memory order: each
  /// nibble spread to a byte of its own, then 0-9 and a-f offset to their ASCII codes at once.
  @inline(__always)
  private static func digits(_ value: UInt32) -> UInt64 {
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
}

extension ByteCursor {
  /// The text of a UUID, written straight from its bits.
  mutating func uuid(_ bits: UUIDv4.Bits) {
    fill(UUIDv4.textBytes) { UUIDv4.write(bits, to: $0) }
  }
}
