import TraceJSON
import TraceModel

/// The values of one JSON line, which `SpanJSONWriter` writes between the seed's keys: those of a
/// `Span`, or of a span as the generator drew it (`DrawnLine`), written without making the `Span`.
package protocol SpanLineValues {
  /// The most bytes the line can take, newline included.
  var maxLineBytes: Int { get }
  var startTimeNanos: Int64 { get }
  var endTimeNanos: Int64 { get }
  var statusCode: Int { get }
  /// Each of these writes a JSON value: a string with its quotes, or `null`.
  func traceID(to cursor: inout ByteCursor)
  func spanID(to cursor: inout ByteCursor)
  func parentSpanID(to cursor: inout ByteCursor)
  func serviceName(to cursor: inout ByteCursor)
  func operationName(to cursor: inout ByteCursor)
  /// The members of the `tags` object, comma-separated, without the braces.
  func tagMembers(to cursor: inout ByteCursor)
  /// The objects of the `logs` array, comma-separated, without the brackets.
  func logObjects(to cursor: inout ByteCursor)
}

extension Span: SpanLineValues {
  /// Summed field by field, tags and logs borrowed from their buffers: an array of the four
  /// strings, and iterating the tags, allocated and retained for every span of a decode.
  package var maxLineBytes: Int {
    var bytes = SpanJSONWriter.lineFrameBytes
    bytes += SpanJSONWriter.stringBytes(traceID) + SpanJSONWriter.stringBytes(spanID)
    bytes += SpanJSONWriter.stringBytes(serviceName) + SpanJSONWriter.stringBytes(operationName)
    bytes += parentSpanID.map(SpanJSONWriter.stringBytes) ?? 4
    tags.withUnsafeBufferPointer { tags in
      for index in tags.indices { bytes += 1 + SpanJSONWriter.memberBytes(tags[index]) }
    }
    logs.withUnsafeBufferPointer { logs in
      for index in logs.indices { bytes += 1 + SpanJSONWriter.logBytes(logs[index]) }
    }
    return bytes
  }

  package func traceID(to cursor: inout ByteCursor) { SpanJSONWriter.string(traceID, to: &cursor) }
  package func spanID(to cursor: inout ByteCursor) { SpanJSONWriter.string(spanID, to: &cursor) }

  package func parentSpanID(to cursor: inout ByteCursor) {
    if let parentSpanID { SpanJSONWriter.string(parentSpanID, to: &cursor) } else { cursor.copy("null") }
  }

  package func serviceName(to cursor: inout ByteCursor) { SpanJSONWriter.string(serviceName, to: &cursor) }
  package func operationName(to cursor: inout ByteCursor) { SpanJSONWriter.string(operationName, to: &cursor) }

  package func tagMembers(to cursor: inout ByteCursor) {
    // Indices rather than elements: iterating would copy (retain and release) every tag.
    for index in tags.indices {
      if index > 0 { cursor.byte(UInt8(ascii: ",")) }
      SpanJSONWriter.member(tags[index], to: &cursor)
    }
  }

  package func logObjects(to cursor: inout ByteCursor) {
    for index in logs.indices {
      if index > 0 { cursor.byte(UInt8(ascii: ",")) }
      SpanJSONWriter.log(logs[index], to: &cursor)
    }
  }
}
