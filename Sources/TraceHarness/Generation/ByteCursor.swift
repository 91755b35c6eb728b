/// Writes bytes through a raw pointer into space reserved in advance: the JSON writer's hot path,
/// without the capacity and uniqueness checks `Array.append` makes for every run of bytes.
///
/// The caller reserves enough room (`SpanJSONWriter.maxBytes(of:)`); writing past the end is a bug,
/// caught by the assertions of a debug build.
struct ByteCursor {
  private let start: UnsafeMutablePointer<UInt8>
  private var next: UnsafeMutablePointer<UInt8>
  private let end: UnsafeMutablePointer<UInt8>

  init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
    start = buffer.baseAddress!
    next = start
    end = start + buffer.count
  }

  /// Bytes written so far.
  var count: Int { next - start }

  @inline(__always)
  mutating func byte(_ value: UInt8) {
    assert(next < end, "ByteCursor: past the reserved space")
    next.pointee = value
    next += 1
  }

  @inline(__always)
  mutating func copy(_ text: StaticString) {
    copy(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  @inline(__always)
  mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
    assert(end - next >= bytes.count, "ByteCursor: past the reserved space")
    next.update(from: bytes.baseAddress!, count: bytes.count)
    next += bytes.count
  }

  /// A decimal integer, its digits written backwards in place once their number is known.
  mutating func integer(_ number: Int64) {
    if number < 0 { byte(UInt8(ascii: "-")) }
    var magnitude = number.magnitude
    var digits = 1
    var bound: UInt64 = 10
    while digits < 20 && magnitude >= bound {
      digits += 1
      bound = bound &* 10
    }
    assert(end - next >= digits, "ByteCursor: past the reserved space")
    var position = next + digits
    repeat {
      position -= 1
      position.pointee = UInt8(ascii: "0") + UInt8(magnitude % 10)
      magnitude /= 10
    } while magnitude > 0
    next += digits
  }
}

extension ByteCursor {
  /// Runs `body` with a cursor over `capacity` bytes of scratch space, then appends what it wrote
  /// to `out` in one copy.
  static func append<Result>(
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
