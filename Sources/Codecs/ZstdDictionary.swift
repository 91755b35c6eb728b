import CZstd

/// zstd with a trained dictionary (libzstd's ZDICT), each span compressed as its own frame — how an
/// exporter that ships small batches would use zstd.
public enum ZstdDictionary {
  /// Trains a dictionary of at most `capacityBytes` on `samples`.
  public static func train(samples: [ArraySlice<UInt8>], capacityBytes: Int) throws -> [UInt8] {
    let joined = samples.flatMap { $0 }
    let sizes = samples.map(\.count)
    var dictionary = [UInt8](repeating: 0, count: capacityBytes)
    let size = dictionary.withUnsafeMutableBytes { out in
      joined.withUnsafeBytes { input in
        ZDICT_trainFromBuffer(out.baseAddress, capacityBytes, input.baseAddress, sizes, UInt32(sizes.count))
      }
    }
    if ZDICT_isError(size) != 0 {
      throw CodecError("zstd dictionary", String(cString: ZDICT_getErrorName(size)))
    }
    return Array(dictionary.prefix(size))
  }
}

/// Compresses records one frame each, with or without a dictionary, verifying every frame.
public final class ZstdFrameCompressor {
  private let compressContext: OpaquePointer
  private let decompressContext: OpaquePointer
  private let compressDictionary: OpaquePointer?
  private let decompressDictionary: OpaquePointer?
  private var output: [UInt8] = []
  private var restored: [UInt8] = []
  public private(set) var compressedBytes = 0

  public init(level: Int, dictionary: [UInt8]?) throws {
    guard let cctx = ZSTD_createCCtx(), let dctx = ZSTD_createDCtx() else {
      throw CodecError("zstd", "cannot allocate")
    }
    compressContext = cctx
    decompressContext = dctx
    if let dictionary {
      compressDictionary = dictionary.withUnsafeBytes {
        ZSTD_createCDict($0.baseAddress, $0.count, Int32(level))
      }
      decompressDictionary = dictionary.withUnsafeBytes {
        ZSTD_createDDict($0.baseAddress, $0.count)
      }
    } else {
      compressDictionary = nil
      decompressDictionary = nil
      try ZstdCompressor.check(ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, Int32(level)))
    }
  }

  deinit {
    ZSTD_freeCCtx(compressContext)
    ZSTD_freeDCtx(decompressContext)
    if let compressDictionary { ZSTD_freeCDict(compressDictionary) }
    if let decompressDictionary { ZSTD_freeDDict(decompressDictionary) }
  }

  /// Compresses one record as a frame and checks it decompresses to the record.
  public func add(_ record: ArraySlice<UInt8>) throws {
    let bound = ZSTD_compressBound(record.count)
    if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
    if restored.count < record.count { restored = [UInt8](repeating: 0, count: record.count) }
    let size = try output.withUnsafeMutableBytes { out in
      try record.withUnsafeBytes { input in
        let size =
          if let compressDictionary {
            ZSTD_compress_usingCDict(
              compressContext, out.baseAddress, bound, input.baseAddress, input.count,
              compressDictionary)
          } else {
            ZSTD_compress2(compressContext, out.baseAddress, bound, input.baseAddress, input.count)
          }
        try ZstdCompressor.check(size)
        return size
      }
    }
    let restoredSize = try restored.withUnsafeMutableBytes { back in
      try output.withUnsafeBytes { frame in
        let count =
          if let decompressDictionary {
            ZSTD_decompress_usingDDict(
              decompressContext, back.baseAddress, back.count, frame.baseAddress, size,
              decompressDictionary)
          } else {
            ZSTD_decompressDCtx(decompressContext, back.baseAddress, back.count, frame.baseAddress, size)
          }
        try ZstdCompressor.check(count)
        return count
      }
    }
    guard restoredSize == record.count, restored.prefix(restoredSize).elementsEqual(record) else {
      throw CodecError("zstd frame", "a span's frame did not round-trip")
    }
    compressedBytes += size
  }
}
