import TraceFormats
import TraceJSON
import TraceModel

/// A service of the topology prepared for the generator's hot path: callees resolved to indices,
/// names already written as JSON strings, and each operation's tags laid out once.
///
/// Classes with the service's fields copied out, because copying a `Topology.Service` (or an
/// operation) per span would retain and release each of its strings.
final class ServiceModel: Sendable {
  let name: String
  /// `name` as a JSON string, quotes included.
  let nameJSON: [UInt8]
  let meanLatencyMillis: Double
  let errorRate: Double
  let parallelCalls: Bool
  let cacheKeyPrefix: String?
  let cacheHitRate: Double
  let retryProbability: Double?
  let callees: [(service: Int, probability: Double)]
  let operations: [OperationModel]
  /// What a span failing by itself logs, three messages per kind.
  let errorMessages: [String]
  /// The same as JSON strings, quotes included.
  let errorMessagesJSON: [[UInt8]]
  /// "upstream <name> failed", which the parent of a failing span of this service logs, as a JSON
  /// string.
  let upstreamFailedJSON: [UInt8]
  /// A cache key's JSON string up to its trace value: the quote, the prefix and the colon.
  let cacheKeyJSONStart: [UInt8]
  /// The most bytes one of a span's log events can take (`cache_hit`/`cache_miss`, `retry`,
  /// `error`).
  let maxLogBytes: Int

  init(
    service: Topology.Service, callees: [(service: Int, probability: Double)],
    longestServiceName: Int
  ) {
    name = service.name
    nameJSON = SpanJSONWriter.stringBytes(service.name)
    meanLatencyMillis = service.meanLatencyMillis
    errorRate = service.errorRate
    parallelCalls = service.parallelCalls == true
    cacheKeyPrefix = service.cacheKeyPrefix
    cacheHitRate = service.cacheHitRate ?? 0.5
    retryProbability = service.retryProbability
    self.callees = callees
    operations = service.operations.map { OperationModel($0, of: service) }
    errorMessages = Latency.errorMessages[service.kind]!
    errorMessagesJSON = errorMessages.map(SpanJSONWriter.stringBytes)
    upstreamFailedJSON = SpanJSONWriter.stringBytes("upstream \(service.name) failed")
    // Escaping is byte by byte, so the key's string less its closing quote is its start.
    cacheKeyJSONStart = SpanJSONWriter.stringBytes((service.cacheKeyPrefix ?? "") + ":").dropLast()
    // Per event: keys, punctuation and a 20-digit time, and its text fully escaped.
    let longestText = ([
      (service.cacheKeyPrefix?.utf8.count ?? 0) + 21, "upstream  failed".utf8.count + longestServiceName,
    ] + errorMessages.map(\.utf8.count)).max()!
    maxLogBytes = 128 + 6 * longestText
  }
}

/// An operation's name and tags, prepared once.
final class OperationModel: Sendable {
  let name: String
  /// `name` as a JSON string, quotes included.
  let nameJSON: [UInt8]
  /// The path of the operation's name (`GET /api/users/{id}` → `/api/users/{id}`), split at its
  /// placeholders.
  let path: [PathPiece]
  let childTags: [TagTemplate]
  let rootTags: [TagTemplate]
  let childLayout: TagLayout
  let rootLayout: TagLayout

  /// `path` as the JSON writer uses it: each text piece escaped for a JSON string.
  let pathJSON: [PathPieceJSON]

  /// Literal text, or a placeholder the trace fills in.
  enum PathPiece: Sendable, Equatable {
    case text(String)
    case userID
    case sku
  }

  enum PathPieceJSON: Sendable {
    /// Escaped as inside a JSON string, without quotes.
    case text([UInt8])
    case userID
    case sku
  }

  init(_ operation: Topology.Operation, of service: Topology.Service) {
    name = operation.name
    nameJSON = SpanJSONWriter.stringBytes(operation.name)
    let path = operation.name.split(separator: " ").last.map(String.init) ?? ""
    self.path = Self.pieces(of: path)
    pathJSON = self.path.map { piece in
      switch piece {
      case .text(let text): .text(Array(SpanJSONWriter.stringBytes(text).dropFirst().dropLast()))
      case .userID: .userID
      case .sku: .sku
      }
    }
    childTags = TagTemplate.list(service: service, operation: operation, path: path, isRoot: false)
    rootTags = TagTemplate.list(service: service, operation: operation, path: path, isRoot: true)
    childLayout = TagLayout(childTags, path: path)
    rootLayout = TagLayout(rootTags, path: path)
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
