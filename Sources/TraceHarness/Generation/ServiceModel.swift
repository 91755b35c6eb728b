/// A service of the topology prepared for the generator's hot path: callees resolved to indices, and
/// every tag value that depends on the topology alone built once rather than per span.
///
/// Classes with the service's fields copied out, because copying a `Topology.Service` (or an
/// operation) per span would retain and release each of its strings.
final class ServiceModel: Sendable {
  let name: String
  let kind: Topology.Kind
  let meanLatencyMillis: Double
  let errorRate: Double
  let parallelCalls: Bool
  let cacheKeyPrefix: String?
  let cacheHitRate: Double
  let retryProbability: Double?
  let tagsUserID: Bool
  let callees: [(service: Int, probability: Double)]
  let operations: [OperationModel]
  /// The service's name as a tag value (`peer.service`).
  let nameValue: TagValue
  /// `db.system`, for a database.
  let dbSystem: TagValue
  /// `span.kind`: databases and external APIs are what the caller's client span talks to.
  let spanKind: TagValue
  /// What a span failing by itself logs, three messages per kind.
  let errorMessages: [String]

  init(service: Topology.Service, callees: [(service: Int, probability: Double)]) {
    name = service.name
    kind = service.kind
    meanLatencyMillis = service.meanLatencyMillis
    errorRate = service.errorRate
    parallelCalls = service.parallelCalls == true
    cacheKeyPrefix = service.cacheKeyPrefix
    cacheHitRate = service.cacheHitRate ?? 0.5
    retryProbability = service.retryProbability
    tagsUserID = service.tagsUserID == true
    self.callees = callees
    operations = service.operations.map { OperationModel($0, baseURL: service.baseURL ?? "") }
    nameValue = .string(service.name)
    dbSystem = .string(service.dbSystem ?? "sql")
    spanKind = .string(service.kind == .internal ? "server" : "client")
    errorMessages = Latency.errorMessages[service.kind]!
  }
}

/// An operation's tag values, and the URL path a root span fills in with the trace's user and SKU.
final class OperationModel: Sendable {
  let name: String
  /// `http.method`; GET when the topology names none.
  let method: TagValue
  /// `db.statement`; the operation's name when the topology gives no statement.
  let statement: TagValue
  /// `http.url` of an external API: its base URL and the operation's path.
  let externalURL: TagValue
  /// The path of the operation's name (`GET /api/users/{id}` → `/api/users/{id}`), split at its
  /// placeholders.
  let path: [PathPiece]

  /// Literal text, or a placeholder the trace fills in.
  enum PathPiece: Sendable, Equatable {
    case text(String)
    case userID
    case sku
  }

  init(_ operation: Topology.Operation, baseURL: String) {
    name = operation.name
    method = .string(operation.method ?? "GET")
    statement = .string(operation.statement ?? operation.name)
    let path = operation.name.split(separator: " ").last.map(String.init) ?? ""
    externalURL = .string(baseURL + path)
    self.path = Self.pieces(of: path)
  }

  /// The path with `{id}` and `{sku}` replaced by the trace's values. Digits cannot form or break a
  /// placeholder, so filling both in one pass gives what replacing one after the other gave.
  func path(userID: String, sku: String) -> String {
    var url = ""
    for piece in path {
      switch piece {
      case .text(let text): url += text
      case .userID: url += userID
      case .sku: url += sku
      }
    }
    return url
  }

  private static func pieces(of path: String) -> [PathPiece] {
    var pieces: [PathPiece] = []
    var rest = Substring(path)
    while let open = rest.firstIndex(of: "{") {
      let placeholder: PathPiece? =
        rest[open...].hasPrefix("{id}") ? .userID : rest[open...].hasPrefix("{sku}") ? .sku : nil
      let end = placeholder == nil ? rest.index(after: open) : rest.index(open, offsetBy: placeholder == .sku ? 5 : 4)
      pieces.append(.text(String(rest[..<open])))
      pieces.append(placeholder ?? .text("{"))
      rest = rest[end...]
    }
    pieces.append(.text(String(rest)))
    return pieces.filter { $0 != .text("") }
  }
}
