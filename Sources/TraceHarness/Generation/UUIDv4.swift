/// Random UUIDs in the version-4 layout, drawn from the seeded generator.
public enum UUIDv4 {
  private static let hexDigits: StaticString = "0123456789abcdef"

  /// A UUID string such as `550e8400-e29b-41d4-a716-446655440000`: 122 random bits, the version
  /// nibble 4 and the variant bits 10.
  public static func random(using rng: inout SplitMix64) -> String {
    let high = (rng.next() & ~0xF000) | 0x4000
    let low = (rng.next() & ~(0b11 << 62)) | (0b10 << 62)
    return format(high: high, low: low)
  }

  /// The 8-4-4-4-12 text of a 128-bit value, written byte by byte into the string's own storage.
  public static func format(high: UInt64, low: UInt64) -> String {
    String(unsafeUninitializedCapacity: 36) { buffer in
      let digits = hexDigits.utf8Start
      var position = 0
      for byteIndex in 0..<16 {
        if byteIndex == 4 || byteIndex == 6 || byteIndex == 8 || byteIndex == 10 {
          buffer[position] = UInt8(ascii: "-")
          position += 1
        }
        let word = byteIndex < 8 ? high : low
        let byte = Int(truncatingIfNeeded: word >> UInt64(56 - 8 * (byteIndex % 8))) & 0xFF
        buffer[position] = digits[byte >> 4]
        buffer[position + 1] = digits[byte & 0xF]
        position += 2
      }
      return position
    }
  }
}
