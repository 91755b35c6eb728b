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
  public var entryService: String
  /// Probability that a failed child fails its parent too.
  public var errorPropagationProbability: Double
  /// Mean request arrival rate of the Poisson process, in requests per second.
  public var arrivalsPerSecond: Double
  public var services: [Service]
  public var calls: [Call]
  public var routes: [Route]

  /// A service of the graph.
  public struct Service: Sendable, Equatable, Codable {
    public var name: String
    public var kind: Kind
    /// Mean of the service's own work, excluding the time it waits on its callees.
    public var meanLatencyMillis: Double
    /// Probability that a span of this service fails by itself.
    public var errorRate: Double
    /// Whether this service calls its callees concurrently rather than one after another.
    public var parallelCalls: Bool?
    /// `db.system` tag of a database.
    public var dbSystem: String?
    /// Base URL of an external API (`http.url` tag).
    public var baseURL: String?
    /// Key prefix of a cache lookup this service logs (`cache_hit` / `cache_miss` with a key).
    public var cacheKeyPrefix: String?
    /// Share of cache lookups that hit.
    public var cacheHitRate: Double?
    /// Probability that a call to this service logs a `retry` event.
    public var retryProbability: Double?
    /// Whether spans of this service carry the caller's `user.id` tag.
    public var tagsUserID: Bool?
    public var operations: [Operation]
  }

  /// The seed's three kinds of service, each with its own latency range and tags.
  public enum Kind: String, Sendable, Codable, CaseIterable {
    case database, `internal`, external
  }

  /// An operation (span name) of a service.
  public struct Operation: Sendable, Equatable, Codable {
    public var name: String
    /// HTTP method for HTTP services; absent for databases.
    public var method: String?
    /// `db.statement` for database operations.
    public var statement: String?
  }

  /// A possible call from one service to another, made with `probability` per span of the caller.
  public struct Call: Sendable, Equatable, Codable {
    public var from: String
    public var to: String
    public var probability: Double
  }

  /// An operation of the entry service, chosen with probability proportional to `weight`, and the
  /// service it calls (none for a request answered by the gateway alone, such as a health check).
  public struct Route: Sendable, Equatable, Codable {
    public var operation: String
    public var weight: Double
    public var calls: String?
  }
}
