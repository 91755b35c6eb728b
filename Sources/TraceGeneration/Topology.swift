import TraceFormats
import TraceJSON
import TraceModel

/// The microservice call graph the generator samples traces from, as loaded from
/// `experiments/phase0/topology.json`.
///
/// Kept as data so an experiment changes the topology without touching code; `Topology+Loading`
/// validates it so a bad file fails with the entry at fault rather than a strange dataset.
public struct Topology: Sendable, Equatable, Codable {
  /// The service every trace's root span belongs to.
  var entryService: String
  /// Probability that a failed child fails its parent too.
  var errorPropagationProbability: Double
  /// Mean request arrival rate of the Poisson process, in requests per second.
  var arrivalsPerSecond: Double
  var services: [Service]
  var calls: [Call]
  var routes: [Route]

  /// A service of the graph.
  struct Service: Sendable, Equatable, Codable {
    var name: String
    var kind: Kind
    /// Mean of the service's own work, excluding the time it waits on its callees.
    var meanLatencyMillis: Double
    /// Probability that a span of this service fails by itself.
    var errorRate: Double
    /// Whether this service calls its callees concurrently rather than one after another.
    var parallelCalls: Bool?
    /// `db.system` tag of a database.
    var dbSystem: String?
    /// Base URL of an external API (`http.url` tag).
    var baseURL: String?
    /// Key prefix of a cache lookup this service logs (`cache_hit` / `cache_miss` with a key).
    var cacheKeyPrefix: String?
    /// Share of cache lookups that hit.
    var cacheHitRate: Double?
    /// Probability that a call to this service logs a `retry` event.
    var retryProbability: Double?
    /// Whether spans of this service carry the caller's `user.id` tag.
    var tagsUserID: Bool?
    var operations: [Operation]
  }

  /// The seed's three kinds of service, each with its own latency range and tags.
  enum Kind: String, Sendable, Codable, CaseIterable {
    case database, `internal`, external
  }

  /// An operation (span name) of a service.
  struct Operation: Sendable, Equatable, Codable {
    var name: String
    /// HTTP method for HTTP services; absent for databases.
    var method: String?
    /// `db.statement` for database operations.
    var statement: String?
  }

  /// A possible call from one service to another, made with `probability` per span of the caller.
  struct Call: Sendable, Equatable, Codable {
    var from: String
    var to: String
    var probability: Double
  }

  /// An operation of the entry service, chosen with probability proportional to `weight`, and the
  /// service it calls (none for a request answered by the gateway alone, such as a health check).
  struct Route: Sendable, Equatable, Codable {
    var operation: String
    var weight: Double
    var calls: String?
  }
}
