import TraceJSON
import TraceModel

/// Decodes one OTLP/JSON `ExportTraceServiceRequest` into a `TraceRequest`, groups as written.
///
/// The JSON counterpart of `OTLPProtoDecoding`: a present `resource` or `scope` (even `{}`) is
/// kept apart from an absent one, `schemaUrl`s are kept, and the pre-1.0
/// `instrumentationLibrarySpans` / `instrumentationLibrary` are read as scope spans and counted.
enum OTLPJSONRequestDecoder {
  static func request(_ request: JSONValue, summary: inout ReadSummary) throws -> TraceRequest {
    KnownKeys.check(request, KnownKeys.request, summary: &summary)
    return TraceRequest(
      resourceSpans: try request.optionalArray("resourceSpans").enumerated().map { r, group in
        try FieldError.within("resourceSpans[\(r)]") { try resourceSpans(group, &summary) }
      })
  }

  private static func resourceSpans(_ group: JSONValue, _ summary: inout ReadSummary) throws
    -> ResourceSpans
  {
    KnownKeys.check(group, KnownKeys.resourceSpans, summary: &summary)
    var resource: Resource?
    if let value = group["resource"], value != .null {
      KnownKeys.check(value, KnownKeys.resource, summary: &summary)
      resource = try FieldError.within("resource") {
        Resource(
          attributes: try OTLPAttributes.tags(
            try value.optionalArray("attributes"), unique: false, summary: &summary),
          droppedAttributesCount: try OTLPSpanDecoder.count(
            value["droppedAttributesCount"], field: "droppedAttributesCount"))
      }
    }
    var service: String?
    for tag in resource?.attributes ?? [] where tag.key == "service.name" {
      if case .string(let name) = tag.value { service = name }
      break
    }
    let legacy = group["scopeSpans"] == nil && group["instrumentationLibrarySpans"] != nil
    let scopesKey = legacy ? "instrumentationLibrarySpans" : "scopeSpans"
    let scopeGroups = try group.optionalArray(scopesKey)
    if legacy { summary.note(.legacyInstrumentationLibrarySpans, count: scopeGroups.count) }
    return ResourceSpans(
      resource: resource, schemaURL: try group.optionalString("schemaUrl") ?? "",
      scopeSpans: try scopeGroups.enumerated().map { s, scopeGroup in
        try FieldError.within("\(scopesKey)[\(s)]") {
          try scopeSpans(scopeGroup, legacy: legacy, service: service, &summary)
        }
      })
  }

  private static func scopeSpans(
    _ group: JSONValue, legacy: Bool, service: String?, _ summary: inout ReadSummary
  ) throws -> ScopeSpans {
    KnownKeys.check(group, KnownKeys.scopeSpans, summary: &summary)
    var scope: InstrumentationScope?
    if let value = group[legacy ? "instrumentationLibrary" : "scope"], value != .null {
      KnownKeys.check(value, KnownKeys.scope, summary: &summary)
      scope = InstrumentationScope(
        name: try value.optionalString("name") ?? "",
        version: try value.optionalString("version") ?? "",
        attributes: try OTLPAttributes.tags(
          try value.optionalArray("attributes"), unique: false, summary: &summary),
        droppedAttributesCount: try OTLPSpanDecoder.count(
          value["droppedAttributesCount"], field: "droppedAttributesCount"))
    }
    return ScopeSpans(
      scope: scope, schemaURL: try group.optionalString("schemaUrl") ?? "",
      spans: try group.optionalArray("spans").enumerated().map { i, span in
        try FieldError.within("spans[\(i)]") {
          try OTLPSpanDecoder.span(span, service: service, summary: &summary)
        }
      })
  }
}
