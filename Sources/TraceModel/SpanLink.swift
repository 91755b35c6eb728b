/// A reference from a span to another span, in its trace or another (OTLP `Span.Link`; Jaeger
/// references other than the parent).
///
/// Ids are lower-case hex like `Span`'s, so that any byte string OTLP carries survives.
public struct SpanLink: Sendable, Hashable {
  public var traceID: String
  public var spanID: String
  public var traceState: String = ""
  public var attributes: [Tag] = []
  public var droppedAttributesCount: UInt32 = 0
  /// Same bit layout as `Span.flags`.
  public var flags: UInt32 = 0

  public init(traceID: String, spanID: String) {
    self.traceID = traceID
    self.spanID = spanID
  }
}
