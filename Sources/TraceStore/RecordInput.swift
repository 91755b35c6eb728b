import Foundation

/// The bytes of a trace-store file, read front to back from a file or from memory.
///
/// Knows the total size up front, so a length read from the file is checked against what is left
/// before anything is allocated for it.
final class RecordInput {
  let name: String
  let totalBytes: Int
  private(set) var offset = 0
  private let handle: FileHandle?
  private let bytes: [UInt8]

  /// Opened with POSIX calls, whose errno names what is wrong: Foundation's errors print as an
  /// NSError dump without the reason a user can act on.
  init(url: URL) throws {
    name = url.lastPathComponent
    let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
    var status = stat()
    guard descriptor >= 0, fstat(descriptor, &status) == 0 else {
      let reason = String(cString: strerror(errno))
      if descriptor >= 0 { close(descriptor) }
      throw TraceStoreError(file: url.path, byteOffset: 0, problem: "cannot be read: \(reason)")
    }
    guard status.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      throw TraceStoreError(file: url.path, byteOffset: 0, problem: "cannot be read: not a regular file")
    }
    totalBytes = Int(status.st_size)
    handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    bytes = []
  }

  init(bytes: [UInt8], name: String) {
    self.name = name
    self.bytes = bytes
    totalBytes = bytes.count
    handle = nil
  }

  var remaining: Int { totalBytes - offset }

  /// The next `count` bytes, or fewer at the end of the input.
  func read(_ count: Int) throws -> [UInt8] {
    let wanted = min(count, remaining)
    guard wanted > 0 else { return [] }
    let chunk: [UInt8]
    if let handle {
      chunk = Array(try handle.read(upToCount: wanted) ?? Data())
    } else {
      chunk = Array(bytes[offset..<(offset + wanted)])
    }
    offset += chunk.count
    return chunk
  }

  func error(_ problem: String, block: Int? = nil, at byteOffset: Int? = nil) -> TraceStoreError {
    TraceStoreError(file: name, block: block, byteOffset: byteOffset ?? offset, problem: problem)
  }
}
