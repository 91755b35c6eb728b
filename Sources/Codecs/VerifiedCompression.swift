/// Compresses a stream and decompresses it again as it goes, comparing every byte with the input.
///
/// A compressed size is reported only once the round trip gave back exactly the bytes fed in, so a
/// figure that does not round-trip is an error, never a result. Memory stays bounded: only the input
/// the compressor has not yet emitted is held for the comparison, and both library contexts are
/// freed as soon as the stream ends (a zstd-19 context takes about 90 MB, and the Analysis stage
/// runs several of them one after another).
public final class VerifiedCompression {
  public let setting: CodecSetting
  private var compressor: (any StreamCompressor)?
  private var decompressor: (any StreamDecompressor)?
  /// Input bytes fed but not yet matched by decompressed output, from `pendingStart` on.
  private var pending: [UInt8] = []
  private var pendingStart = 0
  public private(set) var rawBytes = 0
  public private(set) var compressedBytes = 0
  /// The compressed stream itself, kept only when asked for (to write it or to test it).
  public private(set) var compressed: [UInt8]?

  public init(_ setting: CodecSetting, keepOutput: Bool = false) throws {
    self.setting = setting
    compressor = try setting.makeCompressor()
    decompressor = try setting.makeDecompressor()
    compressed = keepOutput ? [] : nil
  }

  /// Feeds the next piece of raw input.
  public func feed(_ input: UnsafeRawBufferPointer) throws {
    rawBytes += input.count
    pending.append(contentsOf: input)
    try stream().compressor.compress(input, output: check)
    compactPending()
  }

  /// Ends the stream and returns the verified compressed size in bytes.
  @discardableResult
  public func finish() throws -> Int {
    let (compressor, decompressor) = try stream()
    try compressor.finish(output: check)
    guard pendingStart == pending.count, decompressor.isComplete else {
      throw CodecError(
        setting.description,
        "round trip gave \(rawBytes - (pending.count - pendingStart)) of \(rawBytes) bytes back")
    }
    self.compressor = nil
    self.decompressor = nil
    pending = []
    return compressedBytes
  }

  private func stream() throws -> (compressor: any StreamCompressor, decompressor: any StreamDecompressor) {
    guard let compressor, let decompressor else {
      throw CodecError(setting.description, "the stream has already ended")
    }
    return (compressor, decompressor)
  }

  private func check(_ chunk: UnsafeRawBufferPointer) throws {
    compressedBytes += chunk.count
    compressed?.append(contentsOf: chunk)
    try stream().decompressor.decompress(chunk) { restored in
      let available = pending.count - pendingStart
      guard restored.count <= available,
        pending[pendingStart..<(pendingStart + restored.count)].elementsEqual(restored)
      else {
        throw CodecError(setting.description, "round trip differs near byte \(rawBytes - available)")
      }
      pendingStart += restored.count
    }
  }

  private func compactPending() {
    if pendingStart > 1 << 20 || pendingStart == pending.count {
      pending.removeFirst(pendingStart)
      pendingStart = 0
    }
  }
}

extension VerifiedCompression {
  /// Compresses a whole buffer, verified, and returns the compressed size in bytes.
  ///
  /// Fed in 1 MiB pieces, so the round-trip check holds a piece rather than a second copy of a large
  /// buffer. The size is that of one stream of unknown length whatever the pieces: neither zlib nor
  /// libzstd lets the way its input is split change what it writes. (At least one piece is fed even
  /// when empty: libzstd takes a stream ended by its very first call as one of known length.)
  public static func compressedBytes(of bytes: [UInt8], with setting: CodecSetting) throws -> Int {
    let run = try VerifiedCompression(setting)
    try bytes.withUnsafeBytes { buffer in
      var start = 0
      repeat {
        let end = min(start + pieceBytes, buffer.count)
        try run.feed(UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
        start = end
      } while start < buffer.count
    }
    return try run.finish()
  }

  public static let pieceBytes = 1 << 20
}
