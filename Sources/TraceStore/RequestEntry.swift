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

  /// The most entries a block holds. Empty requests and groups take no span, so nothing else
  /// bounds them: a column of 10 MB of zeros read as 10 million empty requests. The writer closes
  /// a block at this many entries; 4 per span (request, resource group, scope group, run) at
  /// 65,536 spans still fit.
  static let maxPerBlock = 1 << 18

  /// Reads the whole column; the references are checked to number the resources and scopes in
  /// order of first use, and the span counts to add up to `spanCount`.
  static func entries(
    _ reader: ColumnReader, spanCount: Int
  ) throws -> (entries: [RawRequestEntry], resourceCount: Int, scopeCount: Int) {
    var reader = reader
    var entries: [RawRequestEntry] = []
    var resourceCount = 0, scopeCount = 0, spansSeen = 0
    while !reader.isAtEnd {
      guard entries.count < maxPerBlock else { throw reader.failure("more than \(maxPerBlock) entries") }
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

/// Requests rebuilt from the blocks' spans and `RequestEntry`s, across block boundaries, handed
/// over a resource group at a time.
///
/// A group is handed over once the next group or request begins, or at `finish`, as a request of
/// that one group; `continuesRequest` is false for a request's first group (or for a request
/// without groups, handed over as nil). Memory then holds one group's spans, not a request's: the
/// real sample is one request of 86,583 spans. `Group` holds the spans as the caller wants them:
/// as `Span`s (`ResourceSpans`) or already serialized (`SerializedGroup`).
struct RequestAssembler<Group: AssembledGroup> {
  private var open: Group?
  /// A request has begun and nothing of it was handed over yet.
  private var requestStarted = false
  private var requestOpen = false

  typealias Emit = (_ group: Group?, _ continuesRequest: Bool) throws -> Void

  init() {}

  /// An assembler inside a request already handed over in part: for one group whose entries all
  /// lie in one block (`RequestStep`), handed over alone.
  static func insideRequest() -> Self {
    var assembler = Self()
    assembler.requestOpen = true
    return assembler
  }

  /// Adds one block's entries, whose runs of spans begin at `firstSpan` of `spans`; hands each
  /// group they complete to `emit`. Throws a `BlockError` when the entries continue a request or
  /// group that no earlier block opened.
  mutating func add(_ spans: Group.Spans, _ entries: some Collection<RequestEntry>, firstSpan: Int = 0, emit: Emit) throws {
    var next = firstSpan
    for entry in entries {
      switch entry {
      case .request:
        try finish(emit: emit)
        requestOpen = true
        requestStarted = true
      case .resourceGroup(let resource, let schemaURL):
        guard requestOpen else { throw BlockError("a resource group outside any request") }
        try emitGroup(emit)
        open = Group(resource: resource, schemaURL: schemaURL)
      case .scopeGroup(let scope, let schemaURL):
        guard open != nil else { throw BlockError("a scope group outside any resource group") }
        open?.openScopeGroup(scope, schemaURL: schemaURL)
      case .spans(let count):
        guard (open?.scopeGroupCount ?? 0) > 0 else {
          throw BlockError("spans outside any scope group: the block continues one no earlier block began")
        }
        open?.appendToLastScopeGroup(next..<(next + count), of: spans)
        next += count
      }
    }
  }

  /// Closes the open group, as a resource group entry does, for a complete group the caller hands
  /// over itself (`RequestStep.serializedGroup`); returns that group's `continuesRequest`.
  mutating func takeGroup(emit: Emit) throws -> Bool {
    guard requestOpen else { throw BlockError("a resource group outside any request") }
    try emitGroup(emit)
    defer { requestStarted = false }
    return !requestStarted
  }

  /// Hands over what is still open of the request, if any.
  mutating func finish(emit: Emit) throws {
    try emitGroup(emit)
    if requestStarted { try emit(nil, false) }
    requestOpen = false
    requestStarted = false
  }

  private mutating func emitGroup(_ emit: Emit) throws {
    guard let group = open else { return }
    open = nil
    try emit(group, !requestStarted)
    requestStarted = false
  }
}

/// A resource group as `RequestAssembler` gathers it, its spans held as `Spans` hold them.
protocol AssembledGroup {
  associatedtype Spans
  init(resource: Resource?, schemaURL: String)
  var scopeGroupCount: Int { get }
  mutating func openScopeGroup(_ scope: InstrumentationScope?, schemaURL: String)
  mutating func appendToLastScopeGroup(_ range: Range<Int>, of spans: Spans)
}

extension ResourceSpans: AssembledGroup {
  init(resource: Resource?, schemaURL: String) { self.init(resource: resource, schemaURL: schemaURL, scopeSpans: []) }

  var scopeGroupCount: Int { scopeSpans.count }

  mutating func openScopeGroup(_ scope: InstrumentationScope?, schemaURL: String) {
    scopeSpans.append(ScopeSpans(scope: scope, schemaURL: schemaURL))
  }

  /// The spans, `resource` and `scope` cleared: the groups hold them.
  mutating func appendToLastScopeGroup(_ range: Range<Int>, of spans: [Span]) {
    for var span in spans[range] {
      span.resource = nil
      span.scope = nil
      scopeSpans[scopeSpans.count - 1].spans.append(span)
    }
  }
}
