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

  /// Writes the text of `bits` to the `textBytes` bytes at `out`.
  static func write(_ bits: Bits, to out: UnsafeMutablePointer<UInt8>) {
    Hex.writeUUID(high: bits.high, low: bits.low, to: out)
  }
}

extension ByteCursor {
  /// The text of a UUID, written straight from its bits.
  mutating func uuid(_ bits: UUIDv4.Bits) {
    fill(UUIDv4.textBytes) { UUIDv4.write(bits, to: $0) }
  }
}
