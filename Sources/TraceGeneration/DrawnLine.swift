import TraceFormats
import TraceJSON
import TraceModel

/// A drawn span's JSON line values, written straight from its record: IDs from their bits, names and
/// fixed tags as bytes prepared once per service and operation. Only log events, which about half
/// the spans have, are made as values first.
struct DrawnLine: SpanLineValues {
  let trace: GeneratedTrace
  let span: DrawnSpan
  let service: ServiceModel
  let operation: OperationModel
  let tagLayout: TagLayout

  init(_ trace: GeneratedTrace, position: Int) {
    self.trace = trace
    span = trace.drawn[position]
    service = trace.services[span.service]
    operation = service.operations[span.operation]
    tagLayout = span.isRoot ? operation.rootLayout : operation.childLayout
  }

  /// Reserved per line, and so touched once per batch of traces: kept close to the real size.
  var maxLineBytes: Int {
    let logs = (span.cacheLookup == nil ? 0 : 1) + (span.retryNanos == nil ? 0 : 1) + (span.error == nil ? 0 : 1)
    return SpanJSONWriter.lineFrameBytes + 3 * (UUIDv4.textBytes + 2) + service.nameJSON.count
      + operation.nameJSON.count + tagLayout.maxBytes + logs * service.maxLogBytes
  }

  var startTimeNanos: Int64 { span.startNanos }
  var endTimeNanos: Int64 { span.endNanos }
  var statusCode: Int { span.failed ? 1 : 0 }

  func traceID(to cursor: inout ByteCursor) { Self.id(trace.traceID, to: &cursor) }
  func spanID(to cursor: inout ByteCursor) { Self.id(span.spanID, to: &cursor) }

  func parentSpanID(to cursor: inout ByteCursor) {
    if let parent = span.parent { Self.id(trace.drawn[parent].spanID, to: &cursor) } else { cursor.copy("null") }
  }

  private static func id(_ bits: UUIDv4.Bits, to cursor: inout ByteCursor) {
    cursor.byte(UInt8(ascii: "\""))
    cursor.uuid(bits)
    cursor.byte(UInt8(ascii: "\""))
  }

  func serviceName(to cursor: inout ByteCursor) { service.nameJSON.withUnsafeBufferPointer { cursor.copy($0) } }
  func operationName(to cursor: inout ByteCursor) { operation.nameJSON.withUnsafeBufferPointer { cursor.copy($0) } }

  func tagMembers(to cursor: inout ByteCursor) {
    for index in tagLayout.pieces.indices {
      switch tagLayout.pieces[index] {
      case .bytes(let run):
        tagLayout.bytes.withUnsafeBufferPointer { cursor.copy(UnsafeBufferPointer(rebasing: $0[run])) }
      case .httpStatus(let comma):
        cursor.copy(comma ? ",\"http.status_code\":" : "\"http.status_code\":")
        cursor.integer(span.httpStatus)
      case .rootURL(let comma):
        cursor.copy(comma ? ",\"http.url\":" : "\"http.url\":")
        SpanJSONWriter.string(trace.rootURL(of: span), to: &cursor)
      case .userID(let comma):
        cursor.copy(comma ? ",\"user.id\":" : "\"user.id\":")
        SpanJSONWriter.string(trace.userTagText, to: &cursor)
      }
    }
  }

  func logObjects(to cursor: inout ByteCursor) {
    var first = true
    trace.forEachLog(of: span) { log in
      if !first { cursor.byte(UInt8(ascii: ",")) }
      first = false
      SpanJSONWriter.log(log, to: &cursor)
    }
  }
}
