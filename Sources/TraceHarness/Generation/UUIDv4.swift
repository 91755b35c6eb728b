/// Random UUIDs in the version-4 layout, drawn from the seeded generator.
public enum UUIDv4 {
  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// A UUID string such as `550e8400-e29b-41d4-a716-446655440000`: 122 random bits, the version
  /// nibble 4 and the variant bits 10.
  public static func random(using rng: inout SplitMix64) -> String {
    let high = (rng.next() & ~0xF000) | 0x4000
    let low = (rng.next() & ~(0b11 << 62)) | (0b10 << 62)
    return format(high: high, low: low)
  }

  /// The 8-4-4-4-12 text of a 128-bit value.
  public static func format(high: UInt64, low: UInt64) -> String {
    String(unsafeUninitializedCapacity: 36) { buffer in
      var position = 0
      for nibble in 0..<32 {
        if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
          buffer[position] = UInt8(ascii: "-")
          position += 1
        }
        let word = nibble < 16 ? high : low
        buffer[position] = hexDigits[Int((word >> UInt64(60 - 4 * (nibble % 16))) & 0xF)]
        position += 1
      }
      return position
    }
  }
}
