/// Spans grouped as OTLP groups them: one export request (`TracesData` /
/// `ExportTraceServiceRequest`), its resources, their scopes, their spans.
///
/// The lossless form of OTLP: group boundaries, their order, absent versus empty resource and scope
/// messages and the schema URLs all survive, so protobuf → `TraceRequest` → protobuf gives the same
/// messages. OTLP readers produce one per record; OTLP writers consume them. Spans inside hold
/// `resource` and `scope` as `nil` (the groups hold them once); `spans` flattens.
public struct TraceRequest: Sendable, Equatable {
  public var resourceSpans: [ResourceSpans]

  public init(resourceSpans: [ResourceSpans] = []) {
    self.resourceSpans = resourceSpans
  }

  public var spanCount: Int {
    resourceSpans.reduce(0) { total, group in
      group.scopeSpans.reduce(total) { $0 + $1.spans.count }
    }
  }

  /// The spans in request order, each with its group's `resource` and `scope` filled in: what the
  /// span-at-a-time readers hand over.
  public var spans: [Span] {
    var spans: [Span] = []
    spans.reserveCapacity(spanCount)
    for group in resourceSpans {
      for scopeGroup in group.scopeSpans {
        for var span in scopeGroup.spans {
          span.resource = group.resource
          span.scope = scopeGroup.scope
          spans.append(span)
        }
      }
    }
    return spans
  }

  /// Groups flat spans (any reader's) into one request: a resource group per distinct resource, a
  /// scope group per distinct scope within it, both in order of first appearance, spans in their
  /// order within a group. This is how `OTLPJSONWriter` has always grouped by service.
  ///
  /// A span without a `resource` gets one holding only `service.name`; one without a `scope` gets
  /// `defaultScope`. Schema URLs are empty: flat spans do not carry them.
  ///
  /// The group of a resource made from a service name is remembered by that name: making the
  /// resource and comparing it with each group's for every span was a third of writing generated
  /// spans as OTLP protobuf requests.
  public init(grouping spans: [Span], defaultScope: InstrumentationScope?) {
    var groups: [ResourceSpans] = []
    var groupOfService: [String: Int] = [:]
    func group(of resource: Resource) -> Int {
      groups.firstIndex { $0.resource == resource }
        ?? {
          groups.append(ResourceSpans(resource: resource))
          return groups.count - 1
        }()
    }
    for var span in spans {
      let groupIndex: Int
      if let resource = span.resource {
        groupIndex = group(of: resource)
      } else if let known = groupOfService[span.serviceName] {
        groupIndex = known
      } else {
        groupIndex = group(of: Resource(attributes: [Tag("service.name", .string(span.serviceName))]))
        groupOfService[span.serviceName] = groupIndex
      }
      let scope = span.scope ?? defaultScope
      span.resource = nil
      span.scope = nil
      let scopeIndex =
        groups[groupIndex].scopeSpans.firstIndex { $0.scope == scope }
        ?? {
          groups[groupIndex].scopeSpans.append(ScopeSpans(scope: scope))
          return groups[groupIndex].scopeSpans.count - 1
        }()
      groups[groupIndex].scopeSpans[scopeIndex].spans.append(span)
    }
    self.init(resourceSpans: groups)
  }
}

/// The spans of one resource in a `TraceRequest` (OTLP `ResourceSpans`).
public struct ResourceSpans: Sendable, Equatable {
  /// `nil` when the message had no resource at all (OTLP: "resource unknown").
  public var resource: Resource?
  /// The schema URL of `resource`'s attributes; empty when absent.
  public var schemaURL: String
  public var scopeSpans: [ScopeSpans]

  public init(resource: Resource?, schemaURL: String = "", scopeSpans: [ScopeSpans] = []) {
    self.resource = resource
    self.schemaURL = schemaURL
    self.scopeSpans = scopeSpans
  }
}

/// The spans one instrumentation scope recorded, within a `ResourceSpans` (OTLP `ScopeSpans`).
public struct ScopeSpans: Sendable, Equatable {
  /// `nil` when the message had no scope at all.
  public var scope: InstrumentationScope?
  /// The schema URL of these spans and their events; empty when absent.
  public var schemaURL: String
  public var spans: [Span]

  public init(scope: InstrumentationScope?, schemaURL: String = "", spans: [Span] = []) {
    self.scope = scope
    self.schemaURL = schemaURL
    self.spans = spans
  }
}
