import Foundation

/// Whole lines of a line-format file, read as one piece, with the number of the first and the file
/// offset of the first byte: enough to decode them apart from the rest of the file and still name
/// a fault's line and offset.
public struct LineChunk: Sendable {
  /// The lines, each with its line end; only the file's last line may lack one.
  let bytes: [UInt8]
  /// Number (1-based) of the first line.
  let firstLine: Int
  /// File offset of `bytes[0]`.
  let offset: Int
  /// Position (0-based) of the chunk in its file.
  let index: Int
  /// Lines as an editor counts them: newlines, plus one for a last line without its newline.
  let lineCount: Int

  init(bytes: [UInt8], firstLine: Int, offset: Int, index: Int) {
    self.bytes = bytes
    self.firstLine = firstLine
    self.offset = offset
    self.index = index
    lineCount = Self.lineCount(bytes)
  }

  /// Calls `body` with each line that is not blank, without its `\n` or `\r\n`, with the line's
  /// number and byte offset.
  func forEachLine(
    _ body: (_ line: UnsafeBufferPointer<UInt8>, _ number: Int, _ offset: Int) throws -> Void
  ) rethrows {
    try bytes.withUnsafeBufferPointer { all in
      var number = firstLine
      var lineStart = 0
      while lineStart < all.count {
        let newline =
          memchr(all.baseAddress! + lineStart, 0x0A, all.count - lineStart).map {
            all.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self))
          } ?? all.count
        let end = newline > lineStart && all[newline - 1] == 0x0D ? newline - 1 : newline
        let line = UnsafeBufferPointer(rebasing: all[lineStart..<end])
        if line.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) {
          try body(line, number, offset + lineStart)
        }
        number += 1
        lineStart = newline + 1
      }
    }
  }

  private static func lineCount(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { all in
      var count = 0
      var from = 0
      while from < all.count, let found = memchr(all.baseAddress! + from, 0x0A, all.count - from) {
        count += 1
        from = all.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
      }
      return count + (from < all.count ? 1 : 0)
    }
  }
}

extension SourceFile {
  /// Calls `body` with the file in chunks of whole lines, `readBytes` read at a time (a line
  /// longer than that is carried across reads whole), past a byte-order mark; returns the number
  /// of lines, blank ones included.
  ///
  /// Memory holds one read plus the longest line, and whatever `body` keeps.
  func forEachLineChunk(readBytes: Int = chunkBytes, _ body: (LineChunk) throws -> Void) throws -> Int {
    let handle = try open()
    var carried: [UInt8] = []
    var offset = 0
    var line = 1
    var index = 0
    var first = true
    while true {
      var atEnd = false
      var bytes = try [UInt8](unsafeUninitializedCapacity: carried.count + readBytes) { buffer, count in
        _ = buffer.initialize(from: carried)
        let read = try handle.read(into: UnsafeMutableBufferPointer(rebasing: buffer[carried.count...]))
        atEnd = read == 0
        count = carried.count + read
      }
      if first {
        let mark = Self.byteOrderMarkLength(bytes)
        bytes.removeFirst(mark)
        offset = mark
        first = false
      }
      let end = atEnd ? bytes.count : (bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)
      carried = Array(bytes[end...])
      guard end > 0 else {
        if atEnd { return line - 1 }
        continue
      }
      bytes.removeSubrange(end...)
      let chunk = LineChunk(bytes: bytes, firstLine: line, offset: offset, index: index)
      line += chunk.lineCount
      offset += end
      index += 1
      try body(chunk)
      if atEnd { return line - 1 }
    }
  }
}
