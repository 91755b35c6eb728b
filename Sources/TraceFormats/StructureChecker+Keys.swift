import Foundation
import TraceModel

extension StructureChecker {
  /// What the check reads of a span, taken where the span was decoded, so that the check, which
  /// runs in file order on one thread, hashes nothing and copies no span.
  public struct SpanKey: Sendable {
    let trace: Int
    let span: Int
    /// The hash of the parent's span id.
    let parent: Int?
    let fingerprint: Int
    let hasEmptyID: Bool
    let isOwnParent: Bool
    /// The line the span was read from, when the format has one line per record.
    let line: Int?
  }

  /// The key of `span`, read from `line`.
  public static func key(_ span: Span, line: Int? = nil) -> SpanKey {
    let trace = IDHash.of(span.traceID)
    let id = IDHash.of(span.spanID)
    let parent = span.parentSpanID.map(IDHash.of)
    return SpanKey(
      trace: trace, span: id, parent: parent,
      fingerprint: fingerprint(span, trace: trace, span: id, parent: parent),
      hasEmptyID: span.traceID.isEmpty || span.spanID.isEmpty || span.parentSpanID == "",
      isOwnParent: span.parentSpanID == span.spanID, line: line)
  }

  /// A hash of every field the seed's model has, equal for exact duplicates; the ids by their
  /// hashes, taken already.
  private static func fingerprint(_ span: Span, trace: Int, span id: Int, parent: Int?) -> Int {
    var hash = IDHash()
    hash.add(Int64(trace))
    hash.add(Int64(id))
    hash.add(parent != nil)
    if let parent { hash.add(Int64(parent)) }
    hash.add(span.serviceName)
    hash.add(span.operationName)
    hash.add(span.startTimeNanos)
    hash.add(span.endTimeNanos)
    hash.add(Int64(span.statusCode))
    hash.add(span.tags)
    hash.add(Int64(span.logs.count))
    for index in span.logs.indices {
      hash.add(span.logs[index].timestampNanos)
      hash.add(span.logs[index].event)
      hash.add(span.logs[index].fields)
    }
    return hash.value
  }
}

/// A 64-bit hash of strings and numbers, equal for strings Swift takes as equal: the structure
/// check's ids and fingerprints.
///
/// Swift's `Hasher` (SipHash) made the keys a quarter of the decoding workers' time; this takes
/// the bytes sixteen at a time through one full-width multiply, folded (the mixing of wyhash),
/// and the keys take half the time they did (perf samples, 100k generated traces). It is not
/// keyed, so input made to collide could fake a duplicate; for any other, two different values
/// collide with a chance of about 2^-64. Its fixed seed makes the values the same from run to
/// run, where `Hasher`'s changed with every process.
struct IDHash {
  private static let seeds: (UInt64, UInt64, UInt64) =
    (0xA076_1D64_78BD_642F, 0xE703_7ED1_A0B4_28DB, 0x8EBC_6AF0_9C88_C6E3)
  private var state: UInt64 = 0x5899_65CC_7537_4CC3

  var value: Int { Int(truncatingIfNeeded: Self.fold(state ^ Self.seeds.0, state ^ Self.seeds.2)) }

  static func of(_ text: String) -> Int {
    var hash = IDHash()
    hash.add(text)
    return hash.value
  }

  /// Adds the UTF-8 of `text` in Unicode's composed form (NFC), which is how `String` compares:
  /// two strings Swift takes as equal add the same bytes. ASCII is its own composed form.
  mutating func add(_ text: String) {
    let before = state
    var text = text
    guard !text.withUTF8({ add(UnsafeRawBufferPointer($0)) }) else { return }
    state = before
    var composed = text.precomposedStringWithCanonicalMapping
    composed.withUTF8 { _ = add(UnsafeRawBufferPointer($0)) }
  }

  mutating func add(_ number: Int64) {
    state = Self.fold(UInt64(bitPattern: number) ^ state ^ Self.seeds.0, Self.seeds.1)
  }

  mutating func add(_ flag: Bool) { add(Int64(flag ? 1 : 0)) }

  mutating func add(_ tags: [Tag]) {
    add(Int64(tags.count))
    for index in tags.indices {
      add(tags[index].key)
      add(tags[index].value)
    }
  }

  /// Each case its own number first, so values of two kinds with the same bytes differ.
  mutating func add(_ value: TagValue) {
    switch value {
    case .string(let text):
      add(Int64(1))
      add(text)
    case .int(let number):
      add(Int64(2))
      add(number)
    case .double(let number):
      // As Double's ==: 0 and -0 are one value.
      add(Int64(3))
      add(Int64(bitPattern: number == 0 ? 0 : number.bitPattern))
    case .bool(let flag):
      add(Int64(4))
      add(flag)
    case .bytes(let bytes):
      add(Int64(5))
      bytes.withUnsafeBytes { _ = add($0) }
    case .array(let values):
      add(Int64(6))
      add(Int64(values.count))
      for value in values { add(value) }
    case .kvlist(let tags):
      add(Int64(7))
      add(tags)
    case .empty:
      add(Int64(8))
    }
  }

  /// Adds `bytes` and their count, so that consecutive runs of bytes do not run together;
  /// returns whether they are all ASCII. A tail shorter than sixteen bytes is read in whole words
  /// that end at the last byte, shifted to drop what the last block took already.
  @discardableResult
  mutating func add(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let count = bytes.count
    var offset = 0
    var seen: UInt64 = 0
    while offset + 16 <= count {
      let low = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      let high = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
      seen |= low | high
      state = Self.fold(low ^ state ^ Self.seeds.0, high ^ Self.seeds.1)
      offset += 16
    }
    let rest = count - offset
    var low: UInt64 = 0
    var high: UInt64 = 0
    if count < 8 {
      for index in 0..<count { low |= UInt64(bytes[index]) << UInt64(index * 8) }
    } else if rest >= 8 {
      low = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      if rest > 8 {
        high = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> UInt64(8 * (16 - rest))
      }
    } else if rest > 0 {
      low = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> UInt64(8 * (8 - rest))
    }
    seen |= low | high
    state = Self.fold(low ^ state ^ Self.seeds.0, high ^ Self.seeds.1 ^ UInt64(count))
    return seen & 0x8080_8080_8080_8080 == 0
  }

  /// The 128-bit product of `a` and `b`, its halves xored.
  private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let (high, low) = a.multipliedFullWidth(by: b)
    return high ^ low
  }
}
