import Codecs
import Foundation
import TraceModel

/// Bytes appended during a run and read back once at its end, kept in an anonymous temporary file
/// instead of in memory.
///
/// `tmpfile()` removes the file's name as it creates it, so the system deletes the file when it is
/// closed or when the process ends, however it ends: an interrupted run leaves nothing behind. The
/// bytes sit in the page cache, which the kernel writes out under memory pressure, not in the heap.
final class ScratchFile {
  private let file: UnsafeMutablePointer<FILE>
  /// Bytes appended so far.
  private(set) var count = 0

  init() throws {
    guard let file = tmpfile() else { throw ScratchFileError(operation: "create") }
    self.file = file
  }

  deinit { fclose(file) }

  func append(_ bytes: UnsafeRawBufferPointer) throws {
    guard fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count else {
      throw ScratchFileError(operation: "write")
    }
    count += bytes.count
  }

  /// The `count` bytes written from `offset` on.
  func piece(at offset: Int, count: Int) throws -> [UInt8] {
    guard fflush(file) == 0 else { throw ScratchFileError(operation: "flush") }
    let descriptor = fileno(file)
    return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      while initialized < count {
        let read = pread(descriptor, buffer.baseAddress! + initialized, count - initialized, off_t(offset + initialized))
        guard read > 0 else { throw ScratchFileError(operation: "read") }
        initialized += read
      }
    }
  }

  /// Appends every byte written so far to `out`.
  func read(appendingTo out: inout [UInt8]) throws {
    let start = out.count
    out.append(contentsOf: repeatElement(0, count: count))
    try rewind()
    let read = out.withUnsafeMutableBytes { fread($0.baseAddress! + start, 1, count, file) }
    guard read == count else { throw ScratchFileError(operation: "read") }
    try windToEnd()
  }

  private func rewind() throws {
    guard fflush(file) == 0, fseek(file, 0, SEEK_SET) == 0 else {
      throw ScratchFileError(operation: "rewind")
    }
  }

  /// Back to the end, where the next append goes.
  private func windToEnd() throws {
    guard fseek(file, 0, SEEK_END) == 0 else { throw ScratchFileError(operation: "seek") }
  }
}

/// A temporary file that could not be used, with the system's reason.
struct ScratchFileError: Error, CustomStringConvertible {
  var operation: String
  var reason = String(cString: strerror(errno))

  var description: String { "temporary file: cannot \(operation): \(reason)" }
}
