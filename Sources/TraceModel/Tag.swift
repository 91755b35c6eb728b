/// A key and its typed value, as a span tag, a log-event field or a resource or scope attribute.
public struct Tag: Sendable, Hashable {
  public var key: String
  public var value: TagValue

  public init(_ key: String, _ value: TagValue) {
    self.key = key
    self.value = value
  }
}

/// A typed value: OTLP's `AnyValue`, of which the seed and JSON formats use the four scalars.
///
/// `indirect` because arrays and kvlists nest. A kvlist keeps its entries in order and with
/// repeats, as OTLP does, so a value read and written again is the same message.
public indirect enum TagValue: Sendable, Hashable {
  case string(String)
  case int(Int64)
  case double(Double)
  case bool(Bool)
  case bytes([UInt8])
  case array([TagValue])
  case kvlist([Tag])
  /// An `AnyValue` with no member set: OTLP allows it, and it means "empty", not "absent".
  case empty
}
