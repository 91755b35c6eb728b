import CZlib

/// Streaming gzip (deflate with the gzip wrapper) through zlib.
///
/// The `z_stream` lives at a fixed address because zlib keeps a pointer back to it.
final class GzipCompressor: StreamCompressor {
  /// What zlib's gzip wrapper adds to the deflate data: a 10-byte header (no name, no extra
  /// field, no comment) and an 8-byte trailer (CRC-32 and length).
  static let wrapperBytes = 18

  private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
  private var outputBuffer = [UInt8](repeating: 0, count: 1 << 16)

  /// `raw`: the deflate data alone, `wrapperBytes` short of the gzip stream, and no CRC-32 taken.
  public init(level: Int, raw: Bool = false) throws {
    stream.initialize(to: z_stream())
    // windowBits 15 + 16 selects the gzip wrapper, as the gzip command writes; -15 none.
    let status = deflateInit2_(
      stream, Int32(level), Z_DEFLATED, raw ? -15 : 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      stream.deallocate()
      throw CodecError("gzip", "deflateInit2 failed (\(status))")
    }
  }

  deinit {
    deflateEnd(stream)
    stream.deallocate()
  }

  func compress(
    _ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    try run(input, flush: Z_NO_FLUSH, output: output)
  }

  func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws {
    try run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH, output: output)
  }

  private func run(
    _ input: UnsafeRawBufferPointer, flush: Int32, output: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    stream.pointee.next_in = UnsafeMutablePointer(
      mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
    stream.pointee.avail_in = uInt(input.count)
    let capacity = outputBuffer.count
    try outputBuffer.withUnsafeMutableBytes { out in
      while true {
        stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(capacity)
        let status = deflate(stream, flush)
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
          throw CodecError("gzip", "deflate failed (\(status))")
        }
        let produced = capacity - Int(stream.pointee.avail_out)
        if produced > 0 {
          try output(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(out)[0..<produced]))
        }
        if flush == Z_FINISH ? status == Z_STREAM_END : stream.pointee.avail_in == 0 && produced < capacity {
          return
        }
      }
    }
  }
}

/// Streaming gunzip through zlib's `inflate`.
public final class GzipDecompressor: StreamDecompressor {
  private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
  private var outputBuffer = [UInt8](repeating: 0, count: 1 << 16)
  public private(set) var isComplete = false

  /// `raw`: deflate data without the gzip wrapper (`GzipCompressor(raw:)`).
  public init(raw: Bool = false) throws {
    stream.initialize(to: z_stream())
    let status = inflateInit2_(stream, raw ? -15 : 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      stream.deallocate()
      throw CodecError("gzip", "inflateInit2 failed (\(status))")
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deallocate()
  }

  public func decompress(
    _ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    stream.pointee.next_in = UnsafeMutablePointer(
      mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
    stream.pointee.avail_in = uInt(input.count)
    let capacity = outputBuffer.count
    try outputBuffer.withUnsafeMutableBytes { out in
      while true {
        stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(capacity)
        let status = inflate(stream, Z_NO_FLUSH)
        guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
          throw CodecError("gzip", "inflate failed (\(status))")
        }
        if status == Z_STREAM_END { isComplete = true }
        let produced = capacity - Int(stream.pointee.avail_out)
        if produced > 0 {
          try output(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(out)[0..<produced]))
        }
        if status == Z_STREAM_END || (stream.pointee.avail_in == 0 && produced < capacity) { return }
      }
    }
  }
}
