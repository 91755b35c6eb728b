import Testing
@testable import TraceModel

@Suite struct TraceRequestGroupingTests {
  private func span(_ id: String, service: String, resource: Resource? = nil) -> Span {
    var span = Span(
      traceID: "0af7651916cd43dd8448eb211c80319c", spanID: id, parentSpanID: nil, serviceName: service,
      operationName: "op", startTimeNanos: 1, endTimeNanos: 2)
    span.resource = resource
    return span
  }

  /// A resource made from a service name and the same resource given with a span share a group,
  /// whichever comes first; a resource with more attributes has a group of its own.
  @Test func resourcesGroupByEqualityWhereverTheyComeFrom() {
    let derivedB = Resource(attributes: [Tag("service.name", .string("b"))])
    let richerB = Resource(attributes: [Tag("service.name", .string("b")), Tag("host", .string("h"))])
    let spans = [
      span("1", service: "a"),
      span("2", service: "b", resource: richerB),
      span("3", service: "x", resource: Resource(attributes: [Tag("service.name", .string("a"))])),
      span("4", service: "b"),
      span("5", service: "b", resource: derivedB),
      span("6", service: "a"),
      span("7", service: "b", resource: richerB),
    ]
    let request = TraceRequest(grouping: spans, defaultScope: InstrumentationScope(name: "s"))
    #expect(request.resourceSpans.map(\.resource) == [
      Resource(attributes: [Tag("service.name", .string("a"))]), richerB, derivedB,
    ])
    #expect(request.resourceSpans.map { $0.scopeSpans.flatMap(\.spans).map(\.spanID) } == [
      ["1", "3", "6"], ["2", "7"], ["4", "5"],
    ])
    #expect(request.resourceSpans.allSatisfy { $0.scopeSpans.map(\.scope) == [InstrumentationScope(name: "s")] })
    #expect(request.spans.map(\.spanID) == ["1", "3", "6", "2", "7", "4", "5"])
  }
}
