import TraceFormats
import TraceJSON
import TraceModel

/// One generated trace: its spans in pre-order (parents before children), as the generator drew
/// them.
///
/// The spans are kept as `DrawnSpan` records; `Span` values, with their strings and arrays, are made
/// only when asked for (`span(at:)`, `spans`): writing the dataset never needs them. A class, so
/// each line and emitted span that refers to its trace costs one reference, not a copy.
public final class GeneratedTrace: SpanRecords {
  let index: Int
  let traceID: UUIDv4.Bits
  /// The trace's user, and the product the request is about, as its tags and cache keys write them.
  let userID: Int64
  let sku: Int64
  let services: [ServiceModel]
  let drawn: [DrawnSpan]

  init(
    index: Int, traceID: UUIDv4.Bits, userID: Int, sku: Int, services: [ServiceModel],
    drawn: [DrawnSpan]
  ) {
    self.index = index
    self.traceID = traceID
    self.userID = Int64(userID)
    self.sku = Int64(sku)
    self.services = services
    self.drawn = drawn
  }

  /// Every span, made from its record.
  var spans: [Span] { drawn.indices.map(span(at:)) }

  /// The span at `position`, made from its record.
  public func span(at position: Int) -> Span {
    let span = drawn[position]
    let operation = services[span.service].operations[span.operation]
    var logs: [LogEvent] = []
    forEachLog(of: span) { logs.append($0) }
    return Span(
      traceID: UUIDv4.format(traceID), spanID: UUIDv4.format(span.spanID),
      parentSpanID: span.parent.map { UUIDv4.format(drawn[$0].spanID) },
      serviceName: services[span.service].name, operationName: operation.name,
      startTimeNanos: span.startNanos, endTimeNanos: span.endNanos,
      tags: (span.isRoot ? operation.rootTags : operation.childTags).map { tag($0, of: span) },
      logs: logs, statusCode: span.failed ? 1 : 0)
  }

  private func tag(_ template: TagTemplate, of span: DrawnSpan) -> Tag {
    switch template {
    case .fixed(let tag): tag
    case .httpStatus: Tag("http.status_code", .int(span.httpStatus))
    case .rootURL: Tag("http.url", .string(rootURL(of: span)))
    case .userID: Tag("user.id", .string(userTagText))
    }
  }

  func rootURL(of span: DrawnSpan) -> String {
    services[span.service].operations[span.operation].path(userID: userIDText, sku: skuText)
  }

  var userTagText: String { "u" + userIDText }
  var userIDText: String { String(userID) }
  var skuText: String { String(sku) }

  /// The span's log events in their order: cache lookup, retry, error.
  func forEachLog(of span: DrawnSpan, _ body: (LogEvent) -> Void) {
    let service = services[span.service]
    if let lookup = span.cacheLookup, let prefix = service.cacheKeyPrefix {
      let key = prefix + ":" + (prefix == "sku" ? skuText : userIDText)
      body(
        LogEvent(
          timestampNanos: lookup.timestampNanos, event: lookup.hit ? "cache_hit" : "cache_miss",
          fields: [Tag("key", .string(key))]))
    }
    if let retryNanos = span.retryNanos {
      body(LogEvent(timestampNanos: retryNanos, event: "retry", fields: [Tag("attempt", .int(2))]))
    }
    if let error = span.error {
      let message =
        switch error.cause {
        case .own(let index): service.errorMessages[index]
        case .upstream(let child): "upstream \(services[child].name) failed"
        }
      body(
        LogEvent(
          timestampNanos: error.timestampNanos, event: "error",
          fields: [Tag("message", .string(message))]))
    }
  }
}
