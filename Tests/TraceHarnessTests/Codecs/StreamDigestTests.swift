import Testing
@testable import Codecs

@Suite struct StreamDigestTests {
  /// The checksums' published check values: CRC-32 of "123456789" and Adler-32 of "Wikipedia".
  @Test func theChecksumsAreZlibs() {
    var crc = StreamDigest()
    crc.add(Array("123456789".utf8)[...])
    #expect(crc.crc32Value == 0xCBF4_3926)
    var adler = StreamDigest()
    adler.add(Array("Wikipedia".utf8)[...])
    #expect(adler.adler32Value == 0x11E6_0398)
    #expect(adler.byteCount == 9)
  }

  @Test func aStreamInPiecesDigestsAsAWhole() {
    var random = SystemRandomNumberGenerator()
    let bytes = (0..<10_000).map { _ in UInt8.random(in: 0...255, using: &random) }
    var whole = StreamDigest()
    whole.add(bytes[...])
    var pieces = StreamDigest()
    var offset = 0
    while offset < bytes.count {
      let end = min(bytes.count, offset + Int.random(in: 0...700, using: &random))
      pieces.add(bytes[offset..<end])
      offset = end
    }
    #expect(pieces == whole)
    var changed = bytes
    changed[4_321] ^= 0x10
    var other = StreamDigest()
    other.add(changed[...])
    #expect(other != whole)
    var shorter = StreamDigest()
    shorter.add(bytes.dropLast())
    #expect(shorter != whole)
  }
}
