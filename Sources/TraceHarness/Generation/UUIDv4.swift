/// Random UUIDs in the version-4 layout, drawn from the seeded generator.
public enum UUIDv4 {
  /// The 128 bits of a UUID, most significant first.
  public struct Bits: Sendable, Equatable {
    public var high: UInt64
    public var low: UInt64
  }

  /// The text of a UUID: 32 hex digits and 4 dashes.
  static let textBytes = 36

  private static let hexDigits: StaticString = "0123456789abcdef"

  /// 122 random bits, the version nibble 4 and the variant bits 10.
  public static func randomBits(using rng: inout SplitMix64) -> Bits {
    let high = (rng.next() & ~0xF000) | 0x4000
    let low = (rng.next() & ~(0b11 << 62)) | (0b10 << 62)
    return Bits(high: high, low: low)
  }

  /// A UUID string such as `550e8400-e29b-41d4-a716-446655440000`.
  public static func random(using rng: inout SplitMix64) -> String {
    format(randomBits(using: &rng))
  }

  /// The 8-4-4-4-12 text of a 128-bit value.
  public static func format(_ bits: Bits) -> String {
    String(unsafeUninitializedCapacity: textBytes) { buffer in
      write(bits, to: buffer.baseAddress!)
      return textBytes
    }
  }

  /// Writes the text of `bits` to the `textBytes` bytes at `out`, a byte (two digits) at a time.
  static func write(_ bits: Bits, to out: UnsafeMutablePointer<UInt8>) {
    let digits = hexDigits.utf8Start
    var position = 0
    for byteIndex in 0..<16 {
      if byteIndex == 4 || byteIndex == 6 || byteIndex == 8 || byteIndex == 10 {
        out[position] = UInt8(ascii: "-")
        position += 1
      }
      let word = byteIndex < 8 ? bits.high : bits.low
      let byte = Int(truncatingIfNeeded: word >> UInt64(56 - 8 * (byteIndex % 8))) & 0xFF
      out[position] = digits[byte >> 4]
      out[position + 1] = digits[byte & 0xF]
      position += 2
    }
  }
}
