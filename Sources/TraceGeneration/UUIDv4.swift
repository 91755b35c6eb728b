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

  /// "00" to "ff", the two hex digits of each byte value.
  private static let hexPairs: StaticString = """
    000102030405060708090a0b0c0d0e0f\
    101112131415161718191a1b1c1d1e1f\
    202122232425262728292a2b2c2d2e2f\
    303132333435363738393a3b3c3d3e3f\
    404142434445464748494a4b4c4d4e4f\
    505152535455565758595a5b5c5d5e5f\
    606162636465666768696a6b6c6d6e6f\
    707172737475767778797a7b7c7d7e7f\
    808182838485868788898a8b8c8d8e8f\
    909192939495969798999a9b9c9d9e9f\
    a0a1a2a3a4a5a6a7a8a9aaabacadaeaf\
    b0b1b2b3b4b5b6b7b8b9babbbcbdbebf\
    c0c1c2c3c4c5c6c7c8c9cacbcccdcecf\
    d0d1d2d3d4d5d6d7d8d9dadbdcdddedf\
    e0e1e2e3e4e5e6e7e8e9eaebecedeeef\
    f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
    """

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

  /// Writes the text of `bits` to the `textBytes` bytes at `out`, a byte (two digits) at a time.
  static func write(_ bits: Bits, to out: UnsafeMutablePointer<UInt8>) {
    let pairs = UnsafeRawPointer(hexPairs.utf8Start)
    var position = 0
    for byteIndex in 0..<16 {
      if byteIndex == 4 || byteIndex == 6 || byteIndex == 8 || byteIndex == 10 {
        out[position] = UInt8(ascii: "-")
        position += 1
      }
      let word = byteIndex < 8 ? bits.high : bits.low
      let byte = Int(truncatingIfNeeded: word >> UInt64(56 - 8 * (byteIndex % 8))) & 0xFF
      UnsafeMutableRawPointer(out + position).storeBytes(
        of: pairs.loadUnaligned(fromByteOffset: 2 * byte, as: UInt16.self), as: UInt16.self)
      position += 2
    }
  }
}

extension ByteCursor {
  /// The text of a UUID, written straight from its bits.
  mutating func uuid(_ bits: UUIDv4.Bits) {
    fill(UUIDv4.textBytes) { UUIDv4.write(bits, to: $0) }
  }
}
