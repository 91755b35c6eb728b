import Codecs
import Foundation
import TraceModel

/// A file's bytes as the readers see them: decompressed when the file is gzip or zstd, as they are
/// otherwise, read a chunk at a time.
///
/// Compression is told by the magic bytes (gzip 1F 8B, zstd 28 B5 2F FD), not the file name, so a
/// Collector's `traces.json.zst` and a renamed `export.bin` read alike. The decompressors are
/// Codecs' (zlib, libzstd). Memory holds one compressed chunk and what it inflates to; offsets the
/// readers report are in the decompressed bytes, which is where a user finds them after
/// `zstd -d`.
package final class DecompressingInput {
  /// How the file on disk is compressed.
  package enum Compression: String, Sendable {
    case none, gzip, zstd

    /// The compression `prefix` (the file's first bytes) announces.
    static func detect<Bytes: Collection<UInt8>>(_ prefix: Bytes) -> Compression {
      if prefix.starts(with: [0x1F, 0x8B]) { return .gzip }
      if prefix.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
      return .none
    }
  }

  /// Compressed bytes read per step: small, as zstd can inflate a chunk a hundredfold.
  static let compressedChunkBytes = 1 << 16
  /// Bytes read per step from a plain file: never what a caller asks for, which may be a length
  /// prefix's claim of gigabytes.
  static let plainChunkBytes = 1 << 20

  package let compression: Compression
  private let handle: FileHandle
  private let fileName: String
  private let decompressor: (any StreamDecompressor)?
  private var pending: [UInt8] = []
  private var pendingStart = 0
  private var fileAtEnd = false
  /// Raw bytes read from the file so far, for errors about the compressed stream.
  private var rawOffset = 0

  package init(handle: FileHandle, fileName: String) throws {
    self.handle = handle
    self.fileName = fileName
    let head = try Self.read(handle, upTo: Self.compressedChunkBytes, fileName: fileName)
    compression = Compression.detect(head)
    switch compression {
    case .none: decompressor = nil
    case .gzip: decompressor = try GzipDecompressor()
    case .zstd: decompressor = try ZstdDecompressor()
    }
    if head.isEmpty { fileAtEnd = true }
    try take(head)
  }

  deinit { try? handle.close() }

  /// Up to `count` decompressed bytes; fewer only at the end of the file, none after it.
  package func read(upTo count: Int) throws -> [UInt8] {
    let bytes = try peek(count)
    pendingStart += bytes.count
    if pendingStart == pending.count {
      pending.removeAll(keepingCapacity: true)
      pendingStart = 0
    }
    return bytes
  }

  /// Fills `buffer` as far as the file goes and returns how many bytes it holds (fewer than it
  /// has room for only at the end of the file): `read(upTo:)` into memory the caller owns, into
  /// which a plain file goes straight from the kernel. Reading a plain file as `read(upTo:)` does
  /// copied each byte four times on its way to a line reader (`Data`, array, `pending`, result).
  package func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
    let held = min(buffer.count, pending.count - pendingStart)
    if held > 0 {
      pending.withUnsafeBufferPointer {
        _ = UnsafeMutableBufferPointer(rebasing: buffer[..<held])
          .initialize(from: UnsafeBufferPointer(rebasing: $0[pendingStart..<pendingStart + held]))
      }
      pendingStart += held
      if pendingStart == pending.count {
        pending.removeAll(keepingCapacity: true)
        pendingStart = 0
      }
    }
    var filled = held
    guard decompressor == nil else {
      let rest = try read(upTo: buffer.count - filled)
      _ = UnsafeMutableBufferPointer(rebasing: buffer[filled..<filled + rest.count]).initialize(from: rest)
      return filled + rest.count
    }
    while filled < buffer.count, !fileAtEnd {
      let count = Foundation.read(handle.fileDescriptor, buffer.baseAddress! + filled, buffer.count - filled)
      if count < 0 {
        if errno == EINTR { continue }
        throw FormatError(file: fileName, problem: "cannot be read: \(String(cString: strerror(errno)))")
      }
      if count == 0 { fileAtEnd = true }
      filled += count
      rawOffset += count
    }
    return filled
  }

  /// Decompressed bytes held in memory, read or not: about a chunk and what a caller asks for.
  var heldBytes: Int { pending.count }

  /// The bytes the next `read(upTo: count)` would return, left unread.
  func peek(_ count: Int) throws -> [UInt8] {
    while pending.count - pendingStart < count, !fileAtEnd {
      let chunk = try Self.read(
        handle, upTo: decompressor == nil ? Self.plainChunkBytes : Self.compressedChunkBytes,
        fileName: fileName)
      if chunk.isEmpty {
        fileAtEnd = true
        if let decompressor, !decompressor.isComplete {
          throw FormatError(
            file: fileName, byteOffset: rawOffset,
            problem: "the \(compression.rawValue) stream ends early (the file is truncated)")
        }
      } else {
        try take(chunk)
      }
    }
    return Array(pending[pendingStart..<min(pending.count, pendingStart + count)])
  }

  private func take(_ chunk: [UInt8]) throws {
    defer { rawOffset += chunk.count }
    // What was read goes first, for plain files too: the first chunk (64 KiB) left every later
    // 1 MiB read a little short of emptying `pending`, which then grew to the whole file (encoding
    // 378 MB of JSONL peaked at 659 MB, and growing the buffer was a third of the page faults).
    if pendingStart > 0 {
      pending.removeSubrange(0..<pendingStart)
      pendingStart = 0
    }
    guard let decompressor else {
      pending.append(contentsOf: chunk)
      return
    }
    do {
      try chunk.withUnsafeBytes { raw in
        try decompressor.decompress(raw) { pending.append(contentsOf: $0) }
      }
    } catch let error as CodecError {
      throw FormatError(
        file: fileName, byteOffset: rawOffset,
        problem: "cannot decompress (\(compression.rawValue)) in the compressed chunk at this "
          + "offset: \(error.message)")
    }
  }

  static func read(_ handle: FileHandle, upTo count: Int, fileName: String) throws -> [UInt8] {
    do {
      return try handle.read(upToCount: count).map { [UInt8]($0) } ?? []
    } catch {
      throw FormatError(file: fileName, problem: "cannot be read: \(SystemErrorReason.of(error))")
    }
  }
}
