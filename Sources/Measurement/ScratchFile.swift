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
    try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      try read(at: offset, count: count, into: UnsafeMutableRawPointer(buffer.baseAddress!))
      initialized = count
    }
  }

  /// Appends every byte written so far to `out`.
  func read(appendingTo out: inout [UInt8]) throws {
    let start = out.count
    out.append(contentsOf: repeatElement(0, count: count))
    try out.withUnsafeMutableBytes { try read(at: 0, count: count, into: $0.baseAddress! + start) }
  }

  /// Reads with `pread`, which leaves the stream's position at its end, where the next append goes.
  private func read(at offset: Int, count: Int, into destination: UnsafeMutableRawPointer) throws {
    guard fflush(file) == 0 else { throw ScratchFileError(operation: "flush") }
    let descriptor = fileno(file)
    var done = 0
    while done < count {
      let read = pread(descriptor, destination + done, count - done, off_t(offset + done))
      guard read > 0 else { throw ScratchFileError(operation: "read") }
      done += read
    }
  }
}

/// A temporary file that could not be used, with the system's reason.
struct ScratchFileError: Error, CustomStringConvertible {
  var operation: String
  var reason = String(cString: strerror(errno))

  var description: String { "temporary file: cannot \(operation): \(reason)" }
}
