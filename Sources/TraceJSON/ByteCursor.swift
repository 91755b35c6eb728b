/// Writes bytes through a raw pointer into space reserved in advance: the JSON writer's hot path,
/// without the capacity and uniqueness checks `Array.append` makes for every run of bytes.
///
/// The caller reserves enough room (`SpanLineValues.maxLineBytes`); writing past the end is a bug,
/// caught by the assertions of a debug build.
///
/// Inlinable, as its writers are in other modules: a call per run of bytes, not inlined, cost more
/// than the copy (some 10% of generation's instructions). Public rather than package for that:
/// Swift 6.3 does not inline a package declaration's `@inlinable` body into another module.
@frozen
public struct ByteCursor {
  @usableFromInline let start: UnsafeMutablePointer<UInt8>
  @usableFromInline var next: UnsafeMutablePointer<UInt8>
  @usableFromInline let end: UnsafeMutablePointer<UInt8>

  @inlinable
  public init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
    start = buffer.baseAddress!
    next = start
    end = start + buffer.count
  }

  /// Bytes written so far.
  @inlinable
  public var count: Int { next - start }

  @inlinable @inline(__always)
  public mutating func byte(_ value: UInt8) {
    assert(next < end, "ByteCursor: past the reserved space")
    next.pointee = value
    next += 1
  }

  @inlinable @inline(__always)
  public mutating func copy(_ text: StaticString) {
    copy(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  @inlinable @inline(__always)
  public mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
    assert(end - next >= bytes.count, "ByteCursor: past the reserved space")
    next.update(from: bytes.baseAddress!, count: bytes.count)
    next += bytes.count
  }

  /// Hands `body` the next `count` bytes to fill, for a writer with a layout of its own (a UUID's
  /// text), and moves past them.
  @inlinable @inline(__always)
  public mutating func fill(_ count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
    assert(end - next >= count, "ByteCursor: past the reserved space")
    body(next)
    next += count
  }

  /// A decimal integer: its length found first, then its digits written backwards into place, two
  /// at a time (a timestamp in nanoseconds has 19).
  @inlinable
  public mutating func integer(_ number: Int64) {
    if number < 0 { byte(UInt8(ascii: "-")) }
    assert(end - next >= 19, "ByteCursor: past the reserved space")
    var magnitude = number.magnitude
    let digits = Self.decimalDigits(magnitude)
    let pairs = UnsafeRawPointer(Self.digitPairs.utf8Start)
    var position = next + digits
    while magnitude >= 100 {
      let pair = Int(truncatingIfNeeded: magnitude % 100) &* 2
      magnitude /= 100
      position -= 2
      UnsafeMutableRawPointer(position).storeBytes(
        of: pairs.loadUnaligned(fromByteOffset: pair, as: UInt16.self), as: UInt16.self)
    }
    if magnitude >= 10 {
      UnsafeMutableRawPointer(next).storeBytes(
        of: pairs.loadUnaligned(fromByteOffset: Int(magnitude) &* 2, as: UInt16.self), as: UInt16.self)
    } else {
      next.pointee = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude)
    }
    next += digits
  }

  /// How many decimal digits `value` has (1 for 0): from its bit length, times log10(2) as
  /// 1233/4096, and one comparison with the power of ten there.
  @inlinable
  static func decimalDigits(_ value: UInt64) -> Int {
    let bits = 64 - (value | 1).leadingZeroBitCount
    let estimate = (bits &* 1233) >> 12
    return estimate &+ (value | 1 >= powersOfTen[estimate] ? 1 : 0)
  }

  /// 10^0 to 10^19.
  @usableFromInline static let powersOfTen: [UInt64] = (0...19).map { exponent in
    (0..<exponent).reduce(1) { power, _ in power &* 10 }
  }

  /// "00" to "99", the two digits of each number below 100.
  @usableFromInline static let digitPairs: StaticString = """
    00010203040506070809101112131415161718192021222324252627282930313233343536373839\
    40414243444546474849505152535455565758596061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899
    """
}

extension ByteCursor {
  /// Runs `body` with a cursor over `capacity` bytes of scratch space, then appends what it wrote
  /// to `out` in one copy.
  @inlinable
  public static func append<Result>(
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
