import Foundation

/// Samples traces from a `Topology`: a root span at the entry service, then a subtree of the call
/// graph, with latencies, errors, tags and logs.
///
/// Each trace draws from its own stream, `SplitMix64.stream(seed:index:)`, so a trace's content
/// depends only on the seed and its index — never on the thread that made it or on other traces.
public struct TraceGenerator: Sendable {
  /// The seed's ceiling on spans per trace.
  public static let maxSpansPerTrace = 8

  public let topology: Topology
  public let seed: UInt64
  private let services: [ServiceModel]
  private let entry: Int
  private let routeWeights: [Double]
  private let routeWeightTotal: Double
  private let routes: [(operation: Int, callee: Int?)]

  /// A service with its names resolved to indices, for the hot path.
  struct ServiceModel: Sendable {
    var service: Topology.Service
    var callees: [(service: Int, probability: Double)]
  }

  public init(topology: Topology, seed: UInt64) {
    self.topology = topology
    self.seed = seed
    let index = Dictionary(
      uniqueKeysWithValues: topology.services.enumerated().map { ($1.name, $0) })
    services = topology.services.map { service in
      ServiceModel(
        service: service,
        callees: topology.calls.filter { $0.from == service.name }
          .map { (index[$0.to]!, $0.probability) })
    }
    entry = index[topology.entryService]!
    let entryService = topology.services[entry]
    routes = topology.routes.map { route in
      (
        entryService.operations.firstIndex { $0.name == route.operation }!,
        route.calls.map { index[$0]! }
      )
    }
    routeWeights = topology.routes.map(\.weight)
    routeWeightTotal = routeWeights.reduce(0, +)
  }

  /// Generates trace `index`, its root starting at `startNanos`.
  public func trace(index: Int, startNanos: Int64) -> GeneratedTrace {
    var builder = TraceBuilder(
      generator: self, rng: SplitMix64.stream(seed: seed, index: UInt64(index)), index: index)
    let route = routes[builder.rng.weightedIndex(routeWeights, total: routeWeightTotal)]
    builder.userID = builder.drawUserID()
    builder.sku = 100_000 + builder.rng.index(below: 2_000)
    builder.traceID = UUIDv4.random(using: &builder.rng)
    _ = builder.span(
      service: entry, operation: route.operation, parent: nil, startNanos: startNanos, depth: 1,
      forcedCallee: route.callee)
    return GeneratedTrace(
      index: index, spans: builder.spans, failedIntrinsically: builder.intrinsic,
      depths: builder.depths)
  }

  func model(_ service: Int) -> ServiceModel { services[service] }
}

/// The state of one trace while its spans are drawn.
struct TraceBuilder {
  let generator: TraceGenerator
  var rng: SplitMix64
  let index: Int
  var traceID = ""
  var userID = 0
  /// The product a request is about, shared by every span of the trace that names one.
  var sku = 0
  var spans: [Span] = []
  var intrinsic: [Bool] = []
  var depths: [Int] = []

  init(generator: TraceGenerator, rng: SplitMix64, index: Int) {
    self.generator = generator
    self.rng = rng
    self.index = index
  }

  /// Users follow a skewed population: most requests come from a few hundred active users, the
  /// rest from a long tail, as real user-id tags do.
  mutating func drawUserID() -> Int {
    rng.chance(0.8) ? 10_000 + rng.index(below: 500) : 10_000 + rng.index(below: 90_000)
  }

  /// Draws the span and its subtree; returns the span's end time.
  mutating func span(
    service serviceIndex: Int, operation: Int, parent: Int?, startNanos: Int64, depth: Int,
    forcedCallee: Int? = nil
  ) -> (endNanos: Int64, failed: Bool) {
    let model = generator.model(serviceIndex)
    let service = model.service
    let position = spans.count
    let spanID = UUIDv4.random(using: &rng)
    spans.append(
      Span(
        traceID: traceID, spanID: spanID, parentSpanID: parent.map { spans[$0].spanID },
        serviceName: service.name, operationName: service.operations[operation].name,
        startTimeNanos: startNanos, endTimeNanos: startNanos))
    intrinsic.append(false)
    depths.append(depth)

    let ownNanos = Latency.ownWorkNanos(meanMillis: service.meanLatencyMillis, using: &rng)
    let beforeCallsNanos = Int64(Double(ownNanos) * rng.uniform(0.1, 0.4))
    var logs: [LogEvent] = []
    if let prefix = service.cacheKeyPrefix {
      let hit = rng.chance(service.cacheHitRate ?? 0.5)
      let key = prefix == "sku" ? sku : userID
      logs.append(
        LogEvent(
          timestampNanos: startNanos + Int64(Double(beforeCallsNanos) * rng.unit()),
          event: hit ? "cache_hit" : "cache_miss", fields: [Tag("key", .string("\(prefix):\(key)"))]))
    }

    // Callees: the route's for the entry span, the call graph's otherwise.
    var callees: [Int] = []
    if parent == nil {
      if let callee = forcedCallee { callees.append(callee) }
    } else {
      for (callee, probability) in model.callees where rng.chance(probability) {
        callees.append(callee)
      }
    }
    let callsStartNanos = startNanos + beforeCallsNanos
    var cursorNanos = callsStartNanos
    var failedChildren: [String] = []
    for callee in callees where spans.count < TraceGenerator.maxSpansPerTrace {
      let calleeService = generator.model(callee).service
      let gapNanos = Int64(rng.uniform(50_000, 800_000))
      let childStart = (service.parallelCalls == true ? callsStartNanos : cursorNanos) + gapNanos
      let child = span(
        service: callee, operation: rng.index(below: calleeService.operations.count),
        parent: position, startNanos: childStart, depth: depth + 1)
      cursorNanos = max(cursorNanos, child.endNanos)
      if child.failed { failedChildren.append(calleeService.name) }
    }
    let endNanos = cursorNanos + (ownNanos - beforeCallsNanos) + Int64(rng.uniform(10_000, 200_000))

    if let retry = service.retryProbability, rng.chance(retry) {
      logs.append(
        LogEvent(
          timestampNanos: startNanos + (endNanos - startNanos) / 2, event: "retry",
          fields: [Tag("attempt", .int(2))]))
    }
    let failedByItself = rng.chance(service.errorRate)
    var failedFromChild: String?
    for name in failedChildren where rng.chance(generator.topology.errorPropagationProbability) {
      failedFromChild = failedFromChild ?? name
    }
    let failed = failedByItself || failedFromChild != nil
    var httpStatus: Int64 = 200
    if failed {
      let message =
        failedByItself
        ? Latency.errorMessages[service.kind]![rng.index(below: 3)]
        : "upstream \(failedFromChild!) failed"
      httpStatus = failedByItself ? [500, 503, 504][rng.index(below: 3)] : 502
      logs.append(
        LogEvent(
          timestampNanos: endNanos - Int64(rng.uniform(5_000, 100_000)), event: "error",
          fields: [Tag("message", .string(message))]))
    }
    spans[position].endTimeNanos = endNanos
    spans[position].statusCode = failed ? 1 : 0
    spans[position].logs = logs
    spans[position].tags = tags(
      service: service, operation: service.operations[operation], httpStatus: httpStatus,
      isRoot: parent == nil)
    intrinsic[position] = failedByItself
    return (endNanos, failed)
  }

  /// The tags real spans of each kind carry (OpenTracing semantic conventions).
  private func tags(
    service: Topology.Service, operation: Topology.Operation, httpStatus: Int64, isRoot: Bool
  ) -> [Tag] {
    var tags: [Tag]
    switch service.kind {
    case .database:
      tags = [
        Tag("db.system", .string(service.dbSystem ?? "sql")),
        Tag("db.statement", .string(operation.statement ?? operation.name)),
        Tag("component", .string("database")),
        Tag("peer.service", .string(service.name)),
      ]
    case .internal, .external:
      tags = [
        Tag("http.method", .string(operation.method ?? "GET")),
        Tag("http.status_code", .int(httpStatus)),
        Tag("component", .string("http")),
      ]
      if isRoot {
        let path = operation.name.split(separator: " ").last.map(String.init) ?? ""
        let url = path.replacingOccurrences(of: "{id}", with: "\(userID)")
          .replacingOccurrences(of: "{sku}", with: "\(sku)")
        tags.append(Tag("http.url", .string(url)))
      }
      if service.kind == .external {
        let path = operation.name.split(separator: " ").last.map(String.init) ?? ""
        tags.append(Tag("http.url", .string((service.baseURL ?? "") + path)))
        tags.append(Tag("peer.service", .string(service.name)))
      }
    }
    // Databases and external APIs are what the caller's client span talks to.
    tags.append(Tag("span.kind", .string(service.kind == .internal ? "server" : "client")))
    if service.tagsUserID == true { tags.append(Tag("user.id", .string("u\(userID)"))) }
    return tags
  }
}
