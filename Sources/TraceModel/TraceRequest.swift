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

  /// Groups flat spans (any reader's) into one request, as `RequestGrouping` groups them.
  public init(grouping spans: [Span], defaultScope: InstrumentationScope?) {
    let grouping = RequestGrouping(spans, defaultScope: defaultScope)
    self.init(resourceSpans: grouping.groups.map { group in
      ResourceSpans(resource: group.resource, scopeSpans: group.scopes.map { scopeGroup in
        ScopeSpans(scope: scopeGroup.scope, spans: scopeGroup.members.map { position in
          var span = spans[position]
          span.resource = nil
          span.scope = nil
          return span
        })
      })
    })
  }
}

/// How flat spans (any reader's) group into one request: a resource group per distinct resource,
/// a scope group per distinct scope within it, both in order of first appearance, spans in their
/// order within a group. This is how `OTLPJSONWriter` has always grouped by service.
///
/// A span without a `resource` gets one holding only `service.name`; one without a `scope` gets
/// `defaultScope`. Schema URLs are empty: flat spans do not carry them.
///
/// The groups hold the spans' positions, not the spans: a writer serializes the spans where they
/// are, where a `TraceRequest` copied each into its group (retaining and releasing its every
/// string and array). The group of a resource made from a service name is remembered by that
/// name: making the resource and comparing it with each group's for every span was a third of
/// writing generated spans as OTLP protobuf requests.
public struct RequestGrouping: Sendable {
  public struct ScopeGroup: Sendable {
    public var scope: InstrumentationScope?
    /// Positions in the grouped spans.
    public var members: [Int]
  }

  public struct ResourceGroup: Sendable {
    public var resource: Resource
    public var scopes: [ScopeGroup]
  }

  public private(set) var groups: [ResourceGroup] = []

  public init(_ spans: [Span], defaultScope: InstrumentationScope?) {
    var groupOfService: [String: Int] = [:]
    spans.withUnsafeBufferPointer { spans in
      for position in spans.indices {
        let groupIndex: Int
        if let resource = spans[position].resource {
          groupIndex = group(of: resource)
        } else if let known = groupOfService[spans[position].serviceName] {
          groupIndex = known
        } else {
          let service = spans[position].serviceName
          groupIndex = group(of: Resource(attributes: [Tag("service.name", .string(service))]))
          groupOfService[service] = groupIndex
        }
        let scope = spans[position].scope ?? defaultScope
        if let scopeIndex = groups[groupIndex].scopes.firstIndex(where: { $0.scope == scope }) {
          groups[groupIndex].scopes[scopeIndex].members.append(position)
        } else {
          groups[groupIndex].scopes.append(ScopeGroup(scope: scope, members: [position]))
        }
      }
    }
  }

  private mutating func group(of resource: Resource) -> Int {
    if let index = groups.firstIndex(where: { $0.resource == resource }) { return index }
    groups.append(ResourceGroup(resource: resource, scopes: []))
    return groups.count - 1
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
