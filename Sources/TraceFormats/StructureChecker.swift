import TraceModel

/// Finds broken structure in a stream of spans: own parents, parent cycles, exact duplicates,
/// span ids used twice in a trace and empty ids, counted with where each first occurred.
///
/// Memory is bounded by a window, not by the file: the checker keeps per-trace state only for
/// the traces it saw most recently, up to `openSpanLimit` spans in all. When the window is full
/// the trace opened longest ago is closed: its cycles are counted and its state dropped. Exporters
/// send a trace's spans close together, so a trace is normally whole when it closes; a span
/// arriving for a closed trace opens it again and is counted in `tracesReopened` (for the last
/// `openSpanLimit` traces closed, so that memory too stays bounded), which tells the report that
/// checks across that gap were not made.
///
/// IDs are kept as 64-bit hashes, not strings (a 16-character span id is a heap string of its
/// own): about 70 bytes a span instead of some 250. Exact duplicates are found by a 64-bit
/// fingerprint of every field. Either takes two different values as one with a chance of about
/// 2^-64 per pair (`IDHash`, in `StructureChecker+Keys.swift`).
public struct StructureChecker {
  /// 2^18 spans: about 18 MB, a small share of the 256 MB a run may use.
  public static let defaultOpenSpanLimit = 1 << 18

  public let openSpanLimit: Int
  public private(set) var findings = StructureFindings()
  /// Spans that arrived for a trace the window had already closed.
  public private(set) var tracesReopened = 0

  private struct SpanRecord {
    /// The hash of the parent's span id.
    var parent: Int?
    var fingerprint: Int
    var location: StructureFindings.Location
  }

  /// Open traces by the hash of their id, each its spans by the hash of theirs.
  private var open: [Int: [Int: SpanRecord]] = [:]
  /// Open traces' id hashes, oldest first from `head`; compacted as it drains.
  private var openOrder: [Int] = []
  private var head = 0
  private var openSpans = 0
  /// Hashes of recently closed trace ids, at most `openSpanLimit`, oldest dropped first.
  private var closedTraceIDs = Set<Int>()
  private var closedOrder: [Int] = []
  private var closedHead = 0
  private var spanNumber = 0

  public init(openSpanLimit: Int = defaultOpenSpanLimit) {
    self.openSpanLimit = max(1, openSpanLimit)
  }

  /// Checks one span; `line` is where it was read, when the format has one line per record.
  public mutating func check(_ span: Span, line: Int? = nil) {
    check(Self.key(span, line: line))
  }

  /// Checks one span by the key taken beforehand, on another thread.
  public mutating func check(_ key: SpanKey) {
    spanNumber += 1
    let location = StructureFindings.Location(line: key.line, spanNumber: spanNumber)
    if key.hasEmptyID { findings.note(.emptyID, at: location) }
    if key.isOwnParent { findings.note(.ownParent, at: location) }
    let record = SpanRecord(parent: key.parent, fingerprint: key.fingerprint, location: location)
    let (isNewTrace, earlier) = Self.insert(record, at: key.span, into: &open[key.trace, default: [:]])
    if isNewTrace {
      if closedTraceIDs.contains(key.trace) { tracesReopened += 1 }
      openOrder.append(key.trace)
    }
    if let earlier {
      findings.note(earlier.fingerprint == record.fingerprint ? .duplicateSpan : .duplicateSpanID, at: location)
    } else {
      openSpans += 1
    }
    while openSpans > openSpanLimit { closeOldest() }
  }

  /// Adds `record` to a trace's spans unless `id` is there already, in one lookup of the trace
  /// and one of the span where there were five; the record kept is the first, which findings name.
  private static func insert(
    _ record: SpanRecord, at id: Int, into spans: inout [Int: SpanRecord]
  ) -> (isNewTrace: Bool, earlier: SpanRecord?) {
    // An open trace always has a span: an empty one was made by this lookup.
    let isNewTrace = spans.isEmpty
    guard let earlier = spans.updateValue(record, forKey: id) else { return (isNewTrace, nil) }
    spans[id] = earlier
    return (isNewTrace, earlier)
  }

  /// Closes every trace still open and returns what was found.
  public mutating func finish() -> StructureFindings {
    while head < openOrder.count { closeOldest() }
    return findings
  }

  private mutating func closeOldest() {
    let trace = openOrder[head]
    head += 1
    if head > 4096, head * 2 > openOrder.count {
      openOrder.removeFirst(head)
      head = 0
    }
    guard let spans = open.removeValue(forKey: trace) else { return }
    openSpans -= spans.count
    rememberClosed(trace)
    countCycles(spans)
  }

  private mutating func rememberClosed(_ hash: Int) {
    guard closedTraceIDs.insert(hash).inserted else { return }
    if closedOrder.count < openSpanLimit {
      closedOrder.append(hash)
    } else {
      closedTraceIDs.remove(closedOrder[closedHead])
      closedOrder[closedHead] = hash
      closedHead = (closedHead + 1) % openSpanLimit
    }
  }

  /// Counts each parent cycle of two or more spans once, at its member read first.
  private mutating func countCycles(_ spans: [Int: SpanRecord]) {
    // Closing is most of `finish`, which runs after the last span, alone: a span alone has no
    // cycle, and the walk's state is made once at its full size.
    guard spans.count > 1 else { return }
    var state = [Int: Bool](minimumCapacity: spans.count)  // false: on the current walk, true: finished
    var walk: [Int] = []
    for start in spans.keys where state[start] == nil {
      walk.removeAll(keepingCapacity: true)
      var current: Int? = start
      while let id = current, let record = spans[id], state[id] == nil {
        state[id] = false
        walk.append(id)
        current = record.parent == id ? nil : record.parent
      }
      if let id = current, state[id] == false, let cycleStart = walk.firstIndex(of: id) {
        let members = walk[cycleStart...].compactMap { spans[$0]?.location }
        let first = members.min { ($0.spanNumber ?? 0) < ($1.spanNumber ?? 0) }!
        findings.note(.parentCycle, at: first)
      }
      for id in walk { state[id] = true }
    }
  }
}
