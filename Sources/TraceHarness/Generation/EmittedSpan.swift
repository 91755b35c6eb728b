/// A span ready for the sinks: its JSON line, the bytes each field took in it, and the span itself.
public struct EmittedSpan: Sendable {
  public var line: ArraySlice<UInt8>
  public var fieldBytes: FieldBytes
  public var traceIndex: Int
  private var source: Source

  /// Where the `Span` value comes from: given, or made on demand from the generator's record, since
  /// writing the dataset needs the line alone.
  private enum Source: Sendable {
    case span(Span)
    case drawn(GeneratedTrace, position: Int)
  }

  public init(span: Span, line: ArraySlice<UInt8>, fieldBytes: FieldBytes, traceIndex: Int) {
    self.line = line
    self.fieldBytes = fieldBytes
    self.traceIndex = traceIndex
    source = .span(span)
  }

  init(_ trace: GeneratedTrace, position: Int, line: ArraySlice<UInt8>, fieldBytes: FieldBytes) {
    self.line = line
    self.fieldBytes = fieldBytes
    traceIndex = trace.index
    source = .drawn(trace, position: position)
  }

  /// The span. A generated one is made anew on every access: a consumer that reads it field by
  /// field takes `resolved()` first.
  public var span: Span {
    switch source {
    case .span(let span): span
    case .drawn(let trace, let position): trace.span(at: position)
    }
  }

  /// The same span with its `Span` made once.
  public func resolved() -> EmittedSpan {
    EmittedSpan(span: span, line: line, fieldBytes: fieldBytes, traceIndex: traceIndex)
  }
}
