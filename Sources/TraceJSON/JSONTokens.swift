/// The structure of JSON text without its values: brackets, colons and where each string lies.
///
/// The one scanner behind the scans that must work where `JSONParser` cannot: a file's first
/// kilobytes cut in the middle of a value (format detection), or one line of a value spread over
/// many (record assembly). It tracks only strings (and their escapes) and punctuation; validating
/// is the parser's job.
package struct JSONTokens<Bytes: RandomAccessCollection<UInt8>>: IteratorProtocol where Bytes.Index == Int {
  package enum Token: Equatable {
    /// `{` or `[`.
    case open(UInt8)
    /// `}` or `]`.
    case close(UInt8)
    case colon
    /// A string's contents between its quotes; `closed` is false when the bytes end inside it.
    case string(Range<Int>, closed: Bool)
  }

  private let bytes: Bytes
  private(set) package var index: Int

  package init(_ bytes: Bytes, from start: Int? = nil) {
    self.bytes = bytes
    index = start ?? bytes.startIndex
  }

  package mutating func next() -> Token? {
    while index < bytes.endIndex {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "{"), UInt8(ascii: "["): return .open(byte)
      case UInt8(ascii: "}"), UInt8(ascii: "]"): return .close(byte)
      case UInt8(ascii: ":"): return .colon
      case UInt8(ascii: "\""):
        let start = index
        while index < bytes.endIndex, bytes[index] != UInt8(ascii: "\"") {
          index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        let end = min(index, bytes.endIndex)
        let closed = index < bytes.endIndex
        if closed { index += 1 }
        return .string(start..<end, closed: closed)
      default: continue
      }
    }
    return nil
  }
}
