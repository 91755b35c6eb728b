import TraceJSON
import TraceModel

/// How model ids become OTLP's 16-byte trace ids and 8-byte span ids (hex in OTLP/JSON).
///
/// Dashes are dropped and hex digits lower-cased, then:
/// - trace id: a UUID's 32 hex digits are the 16 bytes as they are. Shorter hex ids (Zipkin and
///   Jaeger 64-bit trace ids) are left-padded with zeros, as OpenTelemetry widens them.
/// - span id: the first 16 hex digits of a UUID (its first 8 bytes). Hex ids of 16 digits or fewer
///   (Zipkin, Jaeger, OTLP, the seed's spans) are kept, left-padded to 16.
///
/// Truncating a UUIDv4 span id keeps 60 random bits (the 13th digit is the version, always 4), so
/// two spans of one trace collide with probability about n²/2^61 for n spans: ~10^-16 for the
/// seed's 8-span traces, and even across a 10^6-span dataset (1e12 / 2.3e18) about 4·10^-7. Only
/// a collision within a trace would change a parent link.
///
/// Anything else (non-hex text such as the seed's `trace-00000001-52c48291`, longer ids, all zeros,
/// which OTLP reserves for "no id") throws rather than being hashed into an id nobody can trace
/// back.
package enum OTLPIDMapping {
  /// The bytes `traceID` (`byteCount` 16) or `spanID` (8) give for `id`, as one 128-bit big-endian
  /// number, made without the hex text between: nil where those throw.
  ///
  /// The digits, dashes dropped, are read as one number, so left-padding with zeros is the number
  /// itself, and a span id's first 16 of 32 digits are its upper half. The protobuf rows of a
  /// 126 MB analyze spent 5% of their CPU building the padded hex of every id and decoding it.
  ///
  /// The digits are read from the string's own storage: through its UTF-8 view's iterator, with
  /// `Hex.value` not inlined, this was 8% of decoding the real sample to protobuf (`Hex.value` is
  /// public so that it inlines: as a package declaration it was called, 3% of that decode).
  static func packed(_ id: String, byteCount: Int) -> (high: UInt64, low: UInt64)? {
    if let packed = id.utf8.withContiguousStorageIfAvailable({ packed(digits: $0, byteCount: byteCount) }) {
      return packed
    }
    return Array(id.utf8).withUnsafeBufferPointer { packed(digits: $0, byteCount: byteCount) }
  }

  private static func packed(digits text: UnsafeBufferPointer<UInt8>, byteCount: Int) -> (high: UInt64, low: UInt64)? {
    var high: UInt64 = 0, low: UInt64 = 0, digits = 0
    for byte in text {
      if byte == UInt8(ascii: "-") { continue }
      guard let nibble = Hex.value(byte), digits < 32 else { return nil }
      high = high << 4 | low >> 60
      low = low << 4 | UInt64(nibble)
      digits += 1
    }
    return packed(high: high, low: low, digits: digits, byteCount: byteCount)
  }

  /// `packed(_:byteCount:)` of an id whose hex digits, `digits` of them, read as the number
  /// `high`, `low`: for a reader that holds ids as binary and never makes their text.
  package static func packed(high: UInt64, low: UInt64, digits: Int, byteCount: Int) -> (high: UInt64, low: UInt64)? {
    switch (byteCount, digits) {
    case (_, 0): return nil
    case (16, _): return high | low == 0 ? nil : (high, low)
    case (8, 32): return high == 0 ? nil : (0, high)
    case (8, ...16): return low == 0 ? nil : (0, low)
    default: return nil
    }
  }

  /// The 32 lower-case hex digits of the OTLP trace id for `id`.
  package static func traceID(_ id: String) throws -> String {
    let digits = try hexDigits(id, kind: "trace")
    guard digits.count <= 32 else {
      throw IDMappingError(id: id, kind: "trace", reason: "more than 32 hex digits")
    }
    return try padded(digits, to: 32, id: id, kind: "trace")
  }

  /// The 16 lower-case hex digits of the OTLP span id for `id`.
  package static func spanID(_ id: String) throws -> String {
    let digits = try hexDigits(id, kind: "span")
    switch digits.count {
    case 32: return try padded(Array(digits.prefix(16)), to: 16, id: id, kind: "span")
    case ...16: return try padded(digits, to: 16, id: id, kind: "span")
    default:
      throw IDMappingError(id: id, kind: "span", reason: "neither a UUID nor at most 16 hex digits")
    }
  }

  private static func hexDigits(_ id: String, kind: String) throws -> [UInt8] {
    var digits: [UInt8] = []
    digits.reserveCapacity(32)
    for byte in id.utf8 where byte != UInt8(ascii: "-") {
      guard let nibble = Hex.value(byte) else {
        throw IDMappingError(id: id, kind: kind, reason: "not hexadecimal")
      }
      digits.append(Hex.digit(nibble))
    }
    guard !digits.isEmpty else { throw IDMappingError(id: id, kind: kind, reason: "empty") }
    return digits
  }

  private static func padded(_ digits: [UInt8], to count: Int, id: String, kind: String) throws
    -> String
  {
    guard digits.contains(where: { $0 != UInt8(ascii: "0") }) else {
      throw IDMappingError(id: id, kind: kind, reason: "all zeros, which OTLP reserves for no id")
    }
    let zeros = [UInt8](repeating: UInt8(ascii: "0"), count: count - digits.count)
    return String(decoding: zeros + digits, as: UTF8.self)
  }
}
