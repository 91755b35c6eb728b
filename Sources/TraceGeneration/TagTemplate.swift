import TraceFormats
import TraceJSON
import TraceModel

/// One tag of a span: fixed by the topology, or filled in from the span and its trace.
///
/// Each operation lists its tags once, as templates (`list(service:operation:path:isRoot:)`), and
/// both the `Span`'s tags and the JSON line's `tags` object are made from that one list.
enum TagTemplate: Sendable, Equatable {
  case fixed(Tag)
  /// `http.status_code`: the span's status.
  case httpStatus
  /// `http.url` of a root span: the operation's path with the trace's user and SKU.
  case rootURL
  /// `user.id`: "u" and the trace's user.
  case userID

  /// The tags real spans of each kind carry (OpenTracing semantic conventions), in their order.
  static func list(
    service: Topology.Service, operation: Topology.Operation, path: String, isRoot: Bool
  ) -> [TagTemplate] {
    var tags: [TagTemplate] = []
    switch service.kind {
    case .database:
      tags.append(.fixed(Tag("db.system", .string(service.dbSystem ?? "sql"))))
      tags.append(.fixed(Tag("db.statement", .string(operation.statement ?? operation.name))))
      tags.append(.fixed(Tag("component", .string("database"))))
      tags.append(.fixed(Tag("peer.service", .string(service.name))))
    case .internal, .external:
      tags.append(.fixed(Tag("http.method", .string(operation.method ?? "GET"))))
      tags.append(.httpStatus)
      tags.append(.fixed(Tag("component", .string("http"))))
      if isRoot { tags.append(.rootURL) }
      if service.kind == .external {
        tags.append(.fixed(Tag("http.url", .string((service.baseURL ?? "") + path))))
        tags.append(.fixed(Tag("peer.service", .string(service.name))))
      }
    }
    // Databases and external APIs are what the caller's client span talks to.
    tags.append(.fixed(Tag("span.kind", .string(service.kind == .internal ? "server" : "client"))))
    if service.tagsUserID == true { tags.append(.userID) }
    return tags
  }
}

/// An operation's tag templates as the JSON writer uses them: runs of fixed members written once
/// (commas included) between the few values each span fills in. The runs share one buffer, so the
/// pieces hold no references; a class, so a line refers to its layout with a single reference.
final class TagLayout: Sendable {
  let pieces: [Piece]
  /// The fixed runs, one after another.
  let bytes: [UInt8]
  /// The most bytes the members can take.
  let maxBytes: Int

  enum Piece: Sendable {
    case bytes(Range<Int>)
    case httpStatus(comma: Bool)
    case rootURL(comma: Bool)
    case userID(comma: Bool)
  }

  init(_ templates: [TagTemplate], path: String) {
    var pieces: [Piece] = []
    var bytes: [UInt8] = []
    var runStart = 0
    var maxBytes = 0
    for (index, template) in templates.enumerated() {
      let comma = index > 0
      let filledIn: Piece
      switch template {
      case .fixed(let tag):
        if comma { bytes.append(UInt8(ascii: ",")) }
        SpanJSONWriter.member(tag, &bytes)
        continue
      case .httpStatus: filledIn = .httpStatus(comma: comma)
      case .rootURL: filledIn = .rootURL(comma: comma)
      case .userID: filledIn = .userID(comma: comma)
      }
      if runStart < bytes.count { pieces.append(.bytes(runStart..<bytes.count)) }
      runStart = bytes.count
      pieces.append(filledIn)
      // Comma, key, quotes and colon, then the value: digits need no escaping, the path may.
      maxBytes += 24 + (template == .rootURL ? 6 * path.utf8.count + 40 : 21)
    }
    if runStart < bytes.count { pieces.append(.bytes(runStart..<bytes.count)) }
    self.pieces = pieces
    self.bytes = bytes
    self.maxBytes = maxBytes + bytes.count
  }
}
