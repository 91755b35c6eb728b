/// A span as the sinks receive it: its JSONL line, the bytes each field took in that line, and the
/// span itself.
///
/// The line is what Baseline compresses and what the potentials attribute bytes of; the span is what
/// they encode. A generated span keeps only a reference to its trace's records and is made on demand,
/// since writing the dataset needs the line alone.
public struct SpanLine: Sendable {
  public var bytes: ArraySlice<UInt8>
  public var fieldBytes: FieldBytes
  @usableFromInline var source: Source

  @usableFromInline enum Source: Sendable {
    case span(SpanBox)
    case record(any SpanRecords, position: Int)
  }

  /// A decoded span, held by reference: a line is copied several times on its way to the sinks
  /// (chunk, batch, each sink's view), and a `Span` held inline made each copy some 230 bytes and
  /// a retain of every string and array in it, where the box costs one.
  @usableFromInline final class SpanBox: Sendable {
    @usableFromInline let span: Span
    @usableFromInline init(_ span: Span) { self.span = span }
  }

  public init(span: Span, bytes: ArraySlice<UInt8>, fieldBytes: FieldBytes) {
    self.bytes = bytes
    self.fieldBytes = fieldBytes
    source = .span(SpanBox(span))
  }

  /// A span made from `records` when first asked for.
  public init(records: any SpanRecords, position: Int, bytes: ArraySlice<UInt8>, fieldBytes: FieldBytes) {
    self.bytes = bytes
    self.fieldBytes = fieldBytes
    source = .record(records, position: position)
  }

  /// The span. One made from records is made anew on every access: a consumer that reads it field by
  /// field takes `resolved()` first.
  ///
  /// Lent, not returned: `line.span.spanID` copies the one string, where a getter copied the
  /// whole span, retaining and releasing each of its strings and arrays, at every field a sink read.
  /// Inlinable, so a sink in another module reads the field from the box, and both kinds of line
  /// yield the span from a box (a line of records makes one for the access), so it is always
  /// borrowed from a class's constant. Called across the module boundary, or yielded from the box
  /// on one path and as a temporary on the other, the span was still copied whole for every field
  /// a sink read: together these two changes took the potentials' CPU on 126 MB of JSONL from
  /// about 3.5 s to 2.8 s.
  @inlinable public var span: Span {
    _read { yield box.span }
  }

  @inlinable var box: SpanBox {
    switch source {
    case .span(let box): box
    case .record(let records, let position): SpanBox(records.span(at: position))
    }
  }

  /// The same span with its `Span` made once.
  public func resolved() -> SpanLine {
    if case .span = source { return self }
    return SpanLine(span: span, bytes: bytes, fieldBytes: fieldBytes)
  }
}

/// Compact records a source keeps its spans in until a sink asks for a `Span` (the generator's
/// drawn traces). A class, so a line that refers to them costs one reference.
public protocol SpanRecords: AnyObject, Sendable {
  func span(at position: Int) -> Span
}
