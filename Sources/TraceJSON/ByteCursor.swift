/// Writes bytes through a raw pointer into space reserved in advance: the JSON writer's hot path,
/// without the capacity and uniqueness checks `Array.append` makes for every run of bytes.
///
/// The caller reserves enough room (`SpanLineValues.maxLineBytes`); writing past the end is a bug,
/// caught by the assertions of a debug build.
package struct ByteCursor {
  private let start: UnsafeMutablePointer<UInt8>
  private var next: UnsafeMutablePointer<UInt8>
  private let end: UnsafeMutablePointer<UInt8>

  package init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
    start = buffer.baseAddress!
    next = start
    end = start + buffer.count
  }

  /// Bytes written so far.
  package var count: Int { next - start }

  @inline(__always)
  package mutating func byte(_ value: UInt8) {
    assert(next < end, "ByteCursor: past the reserved space")
    next.pointee = value
    next += 1
  }

  @inline(__always)
  package mutating func copy(_ text: StaticString) {
    copy(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  @inline(__always)
  package mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
    assert(end - next >= bytes.count, "ByteCursor: past the reserved space")
    next.update(from: bytes.baseAddress!, count: bytes.count)
    next += bytes.count
  }

  /// Hands `body` the next `count` bytes to fill, for a writer with a layout of its own (a UUID's
  /// text), and moves past them.
  @inline(__always)
  package mutating func fill(_ count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
    assert(end - next >= count, "ByteCursor: past the reserved space")
    body(next)
    next += count
  }

  /// A decimal integer: its digits written backwards, two at a time, at the end of the 19 bytes
  /// the longest magnitude takes, then moved to the front.
  package mutating func integer(_ number: Int64) {
    if number < 0 { byte(UInt8(ascii: "-")) }
    assert(end - next >= 19, "ByteCursor: past the reserved space")
    let pairs = Self.digitPairs.utf8Start
    var magnitude = number.magnitude
    var position = next + 19
    while magnitude >= 100 {
      let pair = Int(magnitude % 100) &* 2
      magnitude /= 100
      position -= 2
      position[0] = pairs[pair]
      position[1] = pairs[pair + 1]
    }
    if magnitude >= 10 {
      position -= 2
      position[0] = pairs[Int(magnitude) &* 2]
      position[1] = pairs[Int(magnitude) &* 2 + 1]
    } else {
      position -= 1
      position[0] = UInt8(ascii: "0") + UInt8(magnitude)
    }
    let digits = next + 19 - position
    next.update(from: position, count: digits)
    next += digits
  }

  /// "00" to "99", the two digits of each number below 100.
  private static let digitPairs: StaticString = """
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899
    """
}

extension ByteCursor {
  /// Runs `body` with a cursor over `capacity` bytes of scratch space, then appends what it wrote
  /// to `out` in one copy.
  package static func append<Result>(
    to out: inout [UInt8], capacity: Int, _ body: (inout ByteCursor) -> Result
  ) -> Result {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
      var cursor = ByteCursor(buffer)
      let result = body(&cursor)
      out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<cursor.count]))
      return result
    }
  }
}
