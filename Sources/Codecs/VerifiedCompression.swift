import Foundation

/// Compresses a stream and decompresses it again as it goes, comparing every byte with the input.
///
/// A compressed size is reported only once the round trip gave back exactly the bytes fed in, so a
/// figure that does not round-trip is an error, never a result. Unless the stream itself is kept,
/// gzip is measured as its deflate data plus the wrapper's fixed 18 bytes: the same size, and the
/// comparison of every byte stands in for the CRC-32 the wrapper would take of the input twice
/// (compressing and checking); zlib's crc32 fell from 1.8% of an analyze run's CPU on 126 MB to
/// 0.7%.
///
/// Memory stays bounded: input is fed in pieces of `pieceBytes`, and only what the compressor has
/// not yet emitted (its block, some 128 KiB) is held for the comparison, whatever the caller's
/// buffer; both library contexts are freed as soon as the stream ends (a zstd-19 context takes
/// about 90 MB, and the Analysis stage runs several of them one after another).
public final class VerifiedCompression {
  public let setting: CodecSetting
  private var compressor: (any StreamCompressor)?
  private var decompressor: (any StreamDecompressor)?
  /// Input bytes fed but not yet matched by decompressed output, from `pendingStart` on.
  private var pending: [UInt8] = []
  private var pendingStart = 0
  public private(set) var rawBytes = 0
  /// Bytes of the stream so far, with the framing a size-only compressor leaves out.
  public var compressedBytes: Int { writtenBytes + framingBytes }
  private var writtenBytes = 0
  private let framingBytes: Int
  /// The compressed stream itself, kept only when asked for (to write it or to test it).
  public private(set) var compressed: [UInt8]?

  public init(_ setting: CodecSetting, keepOutput: Bool = false) throws {
    self.setting = setting
    compressor = try setting.makeCompressor(sizeOnly: !keepOutput)
    decompressor = try setting.makeDecompressor(sizeOnly: !keepOutput)
    compressed = keepOutput ? [] : nil
    framingBytes = keepOutput ? 0 : setting.sizeOnlyFramingBytes
  }

  /// Feeds the next raw input, of any length.
  public func feed(_ input: UnsafeRawBufferPointer) throws {
    let compressor = try stream().compressor
    var start = 0
    repeat {
      let piece = UnsafeRawBufferPointer(rebasing: input[start..<min(start + Self.pieceBytes, input.count)])
      rawBytes += piece.count
      pending.append(contentsOf: piece)
      try compressor.compress(piece, output: check)
      // What is left is the compressor's lag, small next to a piece: moving it keeps `pending`
      // at about a piece and a block, where compacting only past 1 MiB let every one of a sweep's
      // compressors hold a few megabytes.
      pending.removeFirst(pendingStart)
      pendingStart = 0
      start += piece.count
    } while start < input.count
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
    writtenBytes += chunk.count
    compressed?.append(contentsOf: chunk)
    try stream().decompressor.decompress(chunk) { restored in
      let available = pending.count - pendingStart
      guard restored.count <= available, Self.equal(pending, from: pendingStart, restored) else {
        throw CodecError(setting.description, "round trip differs near byte \(rawBytes - available)")
      }
      pendingStart += restored.count
    }
  }
}

extension VerifiedCompression {
  /// Whether `bytes` from `start` begin with `restored`, by memcmp: the generic `elementsEqual`
  /// walked a slice's iterator byte by byte, 4.5% of an analyze run's CPU on 126 MB.
  static func equal(_ bytes: [UInt8], from start: Int, _ restored: UnsafeRawBufferPointer) -> Bool {
    guard let restoredBase = restored.baseAddress else { return true }
    return bytes.withUnsafeBytes { memcmp($0.baseAddress! + start, restoredBase, restored.count) == 0 }
  }

  /// Compresses a whole buffer, verified, and returns the compressed size in bytes.
  ///
  /// The size is that of one stream of unknown length whatever the pieces `feed` cuts: neither zlib
  /// nor libzstd lets the way its input is split change what it writes. (At least one piece is fed
  /// even when empty: libzstd takes a stream ended by its very first call as one of known length.)
  public static func compressedBytes(of bytes: [UInt8], with setting: CodecSetting) throws -> Int {
    let run = try VerifiedCompression(setting)
    try bytes.withUnsafeBytes { try run.feed($0) }
    return try run.finish()
  }

  /// The piece `feed` hands the compressor at a time, and so about what the check holds.
  public static let pieceBytes = 64 << 10
}
