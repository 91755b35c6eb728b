import Foundation
import TraceJSON
import TraceModel

/// A trace file being read: its bytes line by line or whole, and errors that name it.
///
/// Errors locate faults by line (1-based), column (1-based, in bytes) and byte offset from the
/// start of the file, which is what a user opening the file in an editor or `dd` needs. A gzip or
/// zstd file is read through `DecompressingInput`, and its lines and offsets are those of the
/// decompressed bytes.
package struct SourceFile: Sendable {
  let url: URL
  /// The last path component, as errors show it.
  let name: String
  /// Read size for line-by-line reading; lines may be longer, they are carried across chunks.
  static let chunkBytes = 1 << 20

  init(_ url: URL) {
    self.url = url
    name = url.lastPathComponent
  }

  func error(line: Int? = nil, byteOffset: Int? = nil, _ problem: String) -> FormatError {
    FormatError(file: name, line: line, byteOffset: byteOffset, problem: problem)
  }

  /// The error for a fault in record `record` (1-based) of a binary format, which starts at
  /// `byteOffset`.
  func error(record: Int, byteOffset: Int, _ problem: String) -> FormatError {
    FormatError(file: name, byteOffset: byteOffset, record: record, problem: problem)
  }

  /// The error for a parse failure inside `record`, which starts at `line` and `offset` of the file.
  func error(
    _ syntax: JSONSyntaxError, in record: UnsafeBufferPointer<UInt8>, line: Int, offset: Int
  ) -> FormatError {
    let (faultLine, column) = Self.position(of: syntax.offset, in: record, firstLine: line)
    let fileOffset = offset + syntax.offset
    return error(
      line: faultLine, byteOffset: fileOffset,
      syntax.problem(column: column, fileOffset: fileOffset))
  }

  /// The error for a value of the wrong shape that begins at `offset` of `record`.
  func error(
    _ field: FieldError, at offset: Int, in record: UnsafeBufferPointer<UInt8>, line: Int,
    recordOffset: Int
  ) -> FormatError {
    let (faultLine, _) = Self.position(of: offset, in: record, firstLine: line)
    return error(line: faultLine, byteOffset: recordOffset + offset, field.message)
  }

  /// Line and column of `offset` in `bytes`, whose first byte is on line `firstLine`.
  package static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int)
    -> (line: Int, column: Int)
  {
    var line = firstLine
    var lineStart = 0
    for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    return (line, offset - lineStart + 1)
  }

  /// Lines as an editor counts them, as `forEachLine` does: newlines, plus one for a last line
  /// without its newline.
  static func lineCount(_ bytes: [UInt8]) -> Int {
    let newlines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    return newlines + (bytes.last.map { $0 != 0x0A } ?? false ? 1 : 0)
  }

  /// 3 when `bytes` start with a UTF-8 byte-order mark, which the OpenTelemetry file format
  /// requires and editors on Windows add; 0 otherwise.
  static func byteOrderMarkLength<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int {
    bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
  }

  /// Up to `count` bytes from the start of the file.
  func prefix(_ count: Int) throws -> [UInt8] {
    let handle = try open()
    return try read(handle, upTo: count)
  }

  /// The whole file, for formats that are one JSON document.
  func readAll() throws -> [UInt8] {
    let handle = try open()
    var bytes: [UInt8] = []
    while true {
      let chunk = try read(handle, upTo: Self.chunkBytes)
      if chunk.isEmpty { return bytes }
      bytes.append(contentsOf: chunk)
    }
  }

  /// Calls `body` with each line that is not blank, without its `\n` or `\r\n`, with the line's
  /// number and byte offset; returns the number of lines, blank ones included.
  ///
  /// Reads `chunkBytes` at a time, so memory holds one chunk plus the longest line.
  func forEachLine(
    _ body: (_ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ offset: Int) throws -> Void
  ) throws -> Int {
    try forEachLineChunk { try $0.forEachLine(body) }
  }

  /// The file opened for reading through its decompressor, if it has one.
  func open() throws -> DecompressingInput {
    let handle: FileHandle
    do {
      handle = try FileHandle(forReadingFrom: url)
    } catch {
      throw self.error("cannot be opened: \(SystemErrorReason.of(error))")
    }
    return try DecompressingInput(handle: handle, fileName: name)
  }

  private func read(_ input: DecompressingInput, upTo count: Int) throws -> [UInt8] {
    try input.read(upTo: count)
  }
}
