import CZlib

/// CRC-32 (the zlib/gzip polynomial) through zlib's `crc32`.
public enum CRC32 {
  /// The checksum of `bytes`.
  public static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.withUnsafeBytes { buffer in
      guard let base = buffer.bindMemory(to: Bytef.self).baseAddress else { return 0 }
      return UInt32(crc32(0, base, uInt(buffer.count)))
    }
  }
}
