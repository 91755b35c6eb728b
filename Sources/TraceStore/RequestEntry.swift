import TraceModel

/// One step of the OTLP request structure a block's spans arrived in, in input order.
///
/// Flattened spans lose where requests and their resource and scope groups begin, empty groups and
/// schema URLs, so protobuf → store → protobuf would regroup the messages. A block stores these
/// entries (column 34) and a reader rebuilds the requests from them, message for message. A
/// request larger than a block goes on in the next block, whose entries then begin with `.spans`.
enum RequestEntry: Sendable, Equatable {
  case request
  case resourceGroup(Resource?, schemaURL: String)
  case scopeGroup(InstrumentationScope?, schemaURL: String)
  /// The next `count` spans of the block, in input order, belong to the open scope group.
  case spans(Int)
}

/// Column 34 as numbers, before the block's resource and scope tables exist to resolve it.
struct RawRequestEntry {
  /// 0 request, 1 resource group, 2 scope group, 3 spans: the entry's first varint.
  var kind: UInt64
  /// Resource or scope reference (0 none, else number + 1), or the span count.
  var value: Int = 0
  var schemaURL: Int = 0

  /// Reads the whole column; the references are checked to number the resources and scopes in
  /// order of first use, and the span counts to add up to `spanCount`.
  static func entries(
    _ reader: ColumnReader, spanCount: Int
  ) throws -> (entries: [RawRequestEntry], resourceCount: Int, scopeCount: Int) {
    var reader = reader
    var entries: [RawRequestEntry] = []
    var resourceCount = 0, scopeCount = 0, spansSeen = 0
    while !reader.isAtEnd {
      var entry = RawRequestEntry(kind: try reader.varint())
      switch entry.kind {
      case 0: break
      case 1, 2:
        let known = entry.kind == 1 ? resourceCount : scopeCount
        entry.value = try reader.index(below: known + 2)
        if entry.value == known + 1 {
          if entry.kind == 1 { resourceCount += 1 } else { scopeCount += 1 }
        }
        entry.schemaURL = try reader.count(atMost: Int.max)
      case 3:
        entry.value = try reader.count(atMost: spanCount - spansSeen)
        guard entry.value > 0 else { throw reader.failure("a run of 0 spans") }
        spansSeen += entry.value
      default: throw reader.failure("unknown request entry \(entry.kind)")
      }
      entries.append(entry)
    }
    guard entries.isEmpty || spansSeen == spanCount else {
      throw reader.failure("request structure covers \(spansSeen) of \(spanCount) spans")
    }
    return (entries, resourceCount, scopeCount)
  }
}

/// Requests rebuilt from the blocks' spans and `RequestEntry`s, across block boundaries.
struct RequestAssembler {
  private var open: TraceRequest?

  /// Adds one block; hands each request it completes to `emit`. Throws a `BlockError` when the
  /// entries continue a request or group that no earlier block opened.
  mutating func add(
    _ spans: [Span], _ entries: [RequestEntry], emit: (TraceRequest) throws -> Void
  ) throws {
    var next = 0
    for entry in entries {
      switch entry {
      case .request:
        try finish(emit: emit)
        open = TraceRequest()
      case .resourceGroup(let resource, let schemaURL):
        guard open != nil else { throw BlockError("a resource group outside any request") }
        open?.resourceSpans.append(ResourceSpans(resource: resource, schemaURL: schemaURL))
      case .scopeGroup(let scope, let schemaURL):
        let group = (open?.resourceSpans.count ?? 0) - 1
        guard group >= 0 else { throw BlockError("a scope group outside any resource group") }
        open?.resourceSpans[group].scopeSpans.append(ScopeSpans(scope: scope, schemaURL: schemaURL))
      case .spans(let count):
        let group = (open?.resourceSpans.count ?? 0) - 1
        let scopeGroup = group >= 0 ? (open?.resourceSpans[group].scopeSpans.count ?? 0) - 1 : -1
        guard scopeGroup >= 0 else {
          throw BlockError("spans outside any scope group: the block continues one no earlier block began")
        }
        for var span in spans[next..<(next + count)] {
          span.resource = nil
          span.scope = nil
          open?.resourceSpans[group].scopeSpans[scopeGroup].spans.append(span)
        }
        next += count
      }
    }
  }

  /// Hands over the request still open, if any.
  mutating func finish(emit: (TraceRequest) throws -> Void) throws {
    if let request = open { try emit(request) }
    open = nil
  }
}
