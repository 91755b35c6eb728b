import TraceFormats
import TraceJSON
import TraceModel

/// A drawn span's JSON line values, written straight from its record: IDs from their bits, names and
/// fixed tags, log texts and URL paths as bytes prepared once per service and operation, so a line
/// makes no strings and no values (`GeneratedTrace.span(at:)` makes the same line's `Span`).
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
  var maxLineBytes: Int { Self.maxLineBytes(of: span, in: trace) }

  /// `maxLineBytes` of the line `span` makes, without making the line.
  static func maxLineBytes(of span: DrawnSpan, in trace: GeneratedTrace) -> Int {
    let service = trace.services[span.service]
    let operation = service.operations[span.operation]
    let tagLayout = span.isRoot ? operation.rootLayout : operation.childLayout
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
        cursor.copy(comma ? ",\"http.url\":\"" : "\"http.url\":\"")
        for piece in operation.pathJSON {
          switch piece {
          case .text(let bytes): bytes.withUnsafeBufferPointer { cursor.copy($0) }
          case .userID: cursor.integer(trace.userID)
          case .sku: cursor.integer(trace.sku)
          }
        }
        cursor.byte(UInt8(ascii: "\""))
      case .userID(let comma):
        cursor.copy(comma ? ",\"user.id\":\"u" : "\"user.id\":\"u")
        cursor.integer(trace.userID)
        cursor.byte(UInt8(ascii: "\""))
      }
    }
  }

  /// The log events of `GeneratedTrace.forEachLog(of:)`, in its order, each object as
  /// `SpanJSONWriter.log` spells it.
  func logObjects(to cursor: inout ByteCursor) {
    var first = true
    func log(_ timestampNanos: Int64, _ event: StaticString, fields: (inout ByteCursor) -> Void) {
      if !first { cursor.byte(UInt8(ascii: ",")) }
      first = false
      SpanJSONWriter.log(timestampNanos: timestampNanos, event: { $0.copy(event) }, fields: fields, to: &cursor)
    }
    if let lookup = span.cacheLookup, let prefix = service.cacheKeyPrefix {
      log(lookup.timestampNanos, lookup.hit ? "\"cache_hit\"" : "\"cache_miss\"") { cursor in
        cursor.copy(",\"key\":")
        service.cacheKeyJSONStart.withUnsafeBufferPointer { cursor.copy($0) }
        cursor.integer(prefix == "sku" ? trace.sku : trace.userID)
        cursor.byte(UInt8(ascii: "\""))
      }
    }
    if let retryNanos = span.retryNanos {
      log(retryNanos, "\"retry\"") { $0.copy(",\"attempt\":2") }
    }
    if let error = span.error {
      let message =
        switch error.cause {
        case .own(let index): service.errorMessagesJSON[index]
        case .upstream(let child): trace.services[child].upstreamFailedJSON
        }
      log(error.timestampNanos, "\"error\"") { cursor in
        cursor.copy(",\"message\":")
        message.withUnsafeBufferPointer { cursor.copy($0) }
      }
    }
  }
}
