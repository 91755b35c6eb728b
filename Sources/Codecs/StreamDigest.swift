import CZlib

/// A running digest of a byte stream, its CRC-32 and Adler-32 through zlib: fed in pieces of any
/// size, it gives what the whole stream at once gives, so a stream of lines can be compared with
/// another without holding either.
///
/// FNV-1a, byte by byte, did the same at about 350 MB/s: the trace-store round trip's two digests
/// of 126 MB of lines took 0.7 s of analyze's CPU; zlib's checksums run at about 4 GB/s each. Two
/// checksums of different kinds and the length make an accidental match of different streams far
/// less likely than one 32-bit checksum alone.
public struct StreamDigest: Sendable, Equatable {
  public private(set) var crc32Value: UInt32 = 0
  public private(set) var adler32Value: UInt32 = 1
  public private(set) var byteCount = 0

  public init() {}

  public mutating func add(_ bytes: ArraySlice<UInt8>) {
    bytes.withUnsafeBufferPointer { add(buffer: $0) }
  }

  public mutating func add(buffer: UnsafeBufferPointer<UInt8>) {
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
    // zlib takes 32-bit lengths: a larger buffer goes in pieces.
    var offset = 0
    while offset < buffer.count {
      let length = min(buffer.count - offset, 1 << 30)
      crc32Value = UInt32(crc32(uLong(crc32Value), base + offset, uInt(length)))
      adler32Value = UInt32(adler32(uLong(adler32Value), base + offset, uInt(length)))
      offset += length
    }
    byteCount += buffer.count
  }
}
