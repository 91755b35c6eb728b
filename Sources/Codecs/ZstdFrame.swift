import CZstd

/// One-shot zstd frames of a known size, for containers that store each column as its own frame.
///
/// The streaming `ZstdCompressor` writes what the command-line tool writes (checksum, content size);
/// a container that carries sizes and a checksum of its own asks for none of that, since on a column
/// of a few hundred bytes the 4-byte checksum and the size field are a visible share of the frame.
public enum ZstdFrame {
  /// `input` compressed as a single frame at `level`, with neither checksum, content size nor
  /// dictionary ID in the frame header.
  public static func compress(_ input: ArraySlice<UInt8>, level: Int) throws -> [UInt8] {
    guard let context = ZSTD_createCCtx() else { throw CodecError("zstd", "cannot allocate") }
    defer { ZSTD_freeCCtx(context) }
    try ZstdCompressor.check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(level)))
    try ZstdCompressor.check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 0))
    try ZstdCompressor.check(ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 0))
    try ZstdCompressor.check(ZSTD_CCtx_setParameter(context, ZSTD_c_dictIDFlag, 0))
    var output = [UInt8](repeating: 0, count: ZSTD_compressBound(input.count))
    let size = output.withUnsafeMutableBytes { out in
      input.withUnsafeBytes { source in
        ZSTD_compress2(context, out.baseAddress, out.count, source.baseAddress, source.count)
      }
    }
    try ZstdCompressor.check(size)
    output.removeLast(output.count - size)
    return output
  }

  /// The frame `frame` decompressed, which must give exactly `rawBytes` bytes.
  ///
  /// `rawBytes` comes from the container, so the caller bounds it before asking: this allocates it.
  public static func decompress(_ frame: ArraySlice<UInt8>, rawBytes: Int) throws -> [UInt8] {
    guard let context = ZSTD_createDCtx() else { throw CodecError("zstd", "cannot allocate") }
    defer { ZSTD_freeDCtx(context) }
    // One byte more than expected, so a frame that holds more than it should is caught.
    var output = [UInt8](repeating: 0, count: rawBytes + 1)
    let size = output.withUnsafeMutableBytes { out in
      frame.withUnsafeBytes { source in
        ZSTD_decompressDCtx(context, out.baseAddress, out.count, source.baseAddress, source.count)
      }
    }
    try ZstdCompressor.check(size)
    guard size == rawBytes else {
      throw CodecError("zstd", "frame holds \(size) bytes, expected \(rawBytes)")
    }
    output.removeLast()
    return output
  }
}
