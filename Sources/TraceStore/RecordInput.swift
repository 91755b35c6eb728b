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

  init(url: URL) throws {
    name = url.lastPathComponent
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    totalBytes = (attributes[.size] as? NSNumber)?.intValue ?? 0
    handle = try FileHandle(forReadingFrom: url)
    bytes = []
  }

  init(bytes: [UInt8], name: String) {
    self.name = name
    self.bytes = bytes
    totalBytes = bytes.count
    handle = nil
  }

  deinit { try? handle?.close() }

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
