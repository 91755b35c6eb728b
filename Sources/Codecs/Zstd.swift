import CZstd

/// Streaming zstd compression through libzstd's `ZSTD_compressStream2`.
///
/// Level 22 is accepted as the command line's `--ultra -22` is: the library takes levels up to
/// `ZSTD_maxCLevel()` through the compression-level parameter.
final class ZstdCompressor: StreamCompressor {
  private let context: OpaquePointer
  private var outputBuffer = [UInt8](repeating: 0, count: ZSTD_CStreamOutSize())

  public init(level: Int) throws {
    guard let context = ZSTD_createCCtx() else { throw CodecError("zstd", "cannot allocate") }
    self.context = context
    try Self.check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(level)))
    // The command-line tool writes a checksum by default; so do we, to compare sizes fairly.
    try Self.check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1))
  }

  deinit { ZSTD_freeCCtx(context) }

  static func check(_ code: Int) throws {
    if ZSTD_isError(code) != 0 {
      throw CodecError("zstd", String(cString: ZSTD_getErrorName(code)))
    }
  }

  func compress(
    _ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    try run(input, mode: ZSTD_e_continue, output: output)
  }

  func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws {
    try run(UnsafeRawBufferPointer(start: nil, count: 0), mode: ZSTD_e_end, output: output)
  }

  private func run(
    _ input: UnsafeRawBufferPointer, mode: ZSTD_EndDirective,
    output: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
    let outCapacity = outputBuffer.count
    try outputBuffer.withUnsafeMutableBytes { out in
      while true {
        var outBuffer = ZSTD_outBuffer(dst: out.baseAddress, size: outCapacity, pos: 0)
        let remaining = ZSTD_compressStream2(context, &outBuffer, &inBuffer, mode)
        try Self.check(remaining)
        if outBuffer.pos > 0 {
          try output(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(out)[0..<outBuffer.pos]))
        }
        let done = mode == ZSTD_e_end ? remaining == 0 : inBuffer.pos == inBuffer.size
        if done { return }
      }
    }
  }
}

/// Streaming zstd decompression through `ZSTD_decompressStream`.
final class ZstdDecompressor: StreamDecompressor {
  private let context: OpaquePointer
  private var outputBuffer = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
  public private(set) var isComplete = true

  public init() throws {
    guard let context = ZSTD_createDCtx() else { throw CodecError("zstd", "cannot allocate") }
    self.context = context
    // Level 22 writes frames with a window beyond the decoder's default limit.
    try ZstdCompressor.check(ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, 31))
  }

  deinit { ZSTD_freeDCtx(context) }

  func decompress(
    _ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
    let outCapacity = outputBuffer.count
    try outputBuffer.withUnsafeMutableBytes { out in
      while true {
        var outBuffer = ZSTD_outBuffer(dst: out.baseAddress, size: outCapacity, pos: 0)
        let hint = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
        try ZstdCompressor.check(hint)
        isComplete = hint == 0
        if outBuffer.pos > 0 {
          try output(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(out)[0..<outBuffer.pos]))
        }
        if inBuffer.pos == inBuffer.size && outBuffer.pos < outCapacity { return }
      }
    }
  }
}
