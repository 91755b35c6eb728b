/// OTLP span kind, with unknown numbers kept.
///
/// A struct over the wire number rather than an enum: protobuf enums are open, and a value a newer
/// producer sends must come back out unchanged.
public struct SpanKind: RawRepresentable, Sendable, Hashable {
  public var rawValue: Int32
  public init(rawValue: Int32) { self.rawValue = rawValue }

  public static let unspecified = SpanKind(rawValue: 0)
  public static let `internal` = SpanKind(rawValue: 1)
  public static let server = SpanKind(rawValue: 2)
  public static let client = SpanKind(rawValue: 3)
  public static let producer = SpanKind(rawValue: 4)
  public static let consumer = SpanKind(rawValue: 5)
}

/// OTLP status: a code (0 UNSET, 1 OK, 2 ERROR; other numbers kept, as for `SpanKind`) and a
/// message.
public struct SpanStatus: Sendable, Hashable {
  public var code: Code
  public var message: String

  public init(code: Code, message: String = "") {
    self.code = code
    self.message = message
  }

  /// OTLP `Status.StatusCode` by its wire number.
  public struct Code: RawRepresentable, Sendable, Hashable {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let unset = Code(rawValue: 0)
    public static let ok = Code(rawValue: 1)
    public static let error = Code(rawValue: 2)
  }

  /// The seed's status code for this status: 1 for ERROR, else 0.
  public var seedStatusCode: Int { code == .error ? 1 : 0 }
}
