import TraceFormats
import TraceJSON
import TraceModel

/// Samples traces from a `Topology`: a root span at the entry service, then a subtree of the call
/// graph, with latencies, errors, tags and logs.
///
/// Each trace draws from its own stream, `SplitMix64.stream(seed:index:)`, so a trace's content
/// depends only on the seed and its index — never on the thread that made it or on other traces.
public struct TraceGenerator: Sendable {
  /// The seed's ceiling on spans per trace.
  static let maxSpansPerTrace = 8

  public let topology: Topology
  let seed: UInt64
  let services: [ServiceModel]
  private let entry: Int
  private let routeWeights: [Double]
  private let routeWeightTotal: Double
  private let routes: [(operation: Int, callee: Int?)]

  public init(topology: Topology, seed: UInt64) {
    self.topology = topology
    self.seed = seed
    let index = Dictionary(
      uniqueKeysWithValues: topology.services.enumerated().map { ($1.name, $0) })
    let longestName = topology.services.map(\.name.utf8.count).max() ?? 0
    services = topology.services.map { service in
      ServiceModel(
        service: service,
        callees: topology.calls.filter { $0.from == service.name }
          .map { (index[$0.to]!, $0.probability) },
        longestServiceName: longestName)
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
  func trace(index: Int, startNanos: Int64) -> GeneratedTrace {
    var builder = TraceBuilder(
      generator: self, rng: SplitMix64.stream(seed: seed, index: UInt64(index)))
    let route = routes[builder.rng.weightedIndex(routeWeights, total: routeWeightTotal)]
    let userID = builder.drawUserID()
    let sku = 100_000 + builder.rng.index(below: 2_000)
    let traceID = UUIDv4.randomBits(using: &builder.rng)
    _ = builder.span(
      service: entry, operation: route.operation, parent: nil, startNanos: startNanos, depth: 1,
      forcedCallee: route.callee)
    return GeneratedTrace(
      index: index, traceID: traceID, userID: userID, sku: sku, services: services,
      drawn: builder.spans)
  }
}
