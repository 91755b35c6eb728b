import TraceModel

/// A span cut down to the seed's JSONL schema, with a count of everything cut.
///
/// The seed has ten fields and scalar tags. Kept: ids, service, operation, times, tags, logs
/// (event and fields), and the status as 0/1. Dropped and counted: kind, traceState, flags, links,
/// status messages and OK-versus-UNSET, dropped-counts, resource attributes beyond `service.name`,
/// the scope. Values the seed cannot type become strings, as the seed's own readers would spell
/// them: arrays and kvlists as compact JSON, bytes as base64; an empty value is dropped with its tag.
public enum SeedProjection {
  /// How many spans (or tags) lost each kind of field.
  public struct Losses: Sendable, Equatable {
    public var counts: [Field: Int] = [:]

    public enum Field: String, Sendable, CaseIterable {
      case kind = "span kinds"
      case traceState = "trace states"
      case flags = "span flags"
      case links = "spans' links"
      case statusDetail = "status messages or OK codes"
      case droppedCounts = "producers' dropped-counts"
      case resourceAttributes = "spans' resource attributes beyond service.name"
      case scope = "spans' instrumentation scopes"
      case valuesAsStrings = "array, kvlist or bytes values written as strings"
      case emptyValues = "tags with an empty value, left out"
    }

    /// One phrase per loss, in `Field` order: "86583 span kinds".
    public var notes: [String] {
      Field.allCases.compactMap { field in counts[field].map { "\($0) \(field.rawValue)" } }
    }

    mutating func note(_ field: Field, _ count: Int = 1) { counts[field, default: 0] += count }
  }

  public static func project(_ span: Span, losses: inout Losses) -> Span {
    var seed = Span(
      traceID: span.traceID, spanID: span.spanID, parentSpanID: span.parentSpanID,
      serviceName: span.serviceName, operationName: span.operationName,
      startTimeNanos: span.startTimeNanos, endTimeNanos: span.endTimeNanos,
      tags: scalars(span.tags, &losses),
      logs: span.logs.map { log in
        LogEvent(
          timestampNanos: log.timestampNanos, event: log.event, fields: scalars(log.fields, &losses))
      },
      statusCode: span.statusCode)
    if let kind = span.kind, kind != .unspecified { losses.note(.kind) }
    if !span.traceState.isEmpty { losses.note(.traceState) }
    if span.flags != 0 { losses.note(.flags) }
    if !span.links.isEmpty { losses.note(.links) }
    if let status = span.status, !status.message.isEmpty || status.code == .ok {
      losses.note(.statusDetail)
    }
    if span.droppedAttributesCount + span.droppedEventsCount + span.droppedLinksCount != 0
      || span.logs.contains(where: { $0.droppedAttributesCount != 0 })
    {
      losses.note(.droppedCounts)
    }
    if let resource = span.resource,
      resource.attributes.contains(where: { $0.key != "service.name" })
        || resource.droppedAttributesCount != 0
    {
      losses.note(.resourceAttributes)
    }
    if span.scope != nil { losses.note(.scope) }
    return seed
  }

  private static func scalars(_ tags: [Tag], _ losses: inout Losses) -> [Tag] {
    tags.compactMap { tag in
      switch tag.value {
      case .string, .int, .double, .bool: return tag
      case .empty:
        losses.note(.emptyValues)
        return nil
      case .bytes(let bytes):
        losses.note(.valuesAsStrings)
        return Tag(tag.key, .string(Base64.encodeString(bytes)))
      case .array, .kvlist:
        losses.note(.valuesAsStrings)
        var text: [UInt8] = []
        SpanJSONWriter.value(tag.value, &text)
        return Tag(tag.key, .string(String(decoding: text, as: UTF8.self)))
      }
    }
  }
}
