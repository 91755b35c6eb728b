import TraceModel

/// Finds broken structure in a stream of spans: own parents, parent cycles, exact duplicates,
/// span ids used twice in a trace and empty ids, counted with where each first occurred.
///
/// Memory is bounded by a window, not by the file: the checker keeps per-trace state only for
/// the traces it saw most recently, up to `openSpanLimit` spans in all (about 100 bytes each, so
/// 25 MB at the default). When the window is full the trace opened longest ago is closed: its
/// cycles are counted and its state dropped. Exporters send a trace's spans close together, so a
/// trace is normally whole when it closes; a span arriving for a closed trace opens it again and
/// is counted in `tracesReopened` (for the last `openSpanLimit` traces closed, so that memory too
/// stays bounded), which tells the report that checks across that gap were not made. Exact duplicates are found by a 64-bit fingerprint of every field, so two different
/// spans are taken as one with a chance of about 2^-64 per pair.
public struct StructureChecker {
  /// 2^18 spans: a quarter of the 256 MB a run may use at ~100 bytes a span.
  public static let defaultOpenSpanLimit = 1 << 18

  public let openSpanLimit: Int
  public private(set) var findings = StructureFindings()
  /// Spans that arrived for a trace the window had already closed.
  public private(set) var tracesReopened = 0

  private struct SpanRecord {
    var parentSpanID: String?
    var fingerprint: Int
    var location: StructureFindings.Location
  }

  /// An open trace's spans in arrival order, and where each span id is among them: positions,
  /// rather than ids, let `countCycles` walk parent links without hashing a string per step.
  private struct OpenTrace {
    var positions: [String: Int]
    var records: [SpanRecord]
  }

  private var open: [String: OpenTrace] = [:]
  /// Open traces, oldest first from `head`; compacted as it drains.
  private var openOrder: [String] = []
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
    check(span, fingerprint: Self.fingerprint(span), line: line)
  }

  /// Checks one span whose `fingerprint` was taken beforehand, on another thread.
  public mutating func check(_ span: Span, fingerprint: Int, line: Int? = nil) {
    spanNumber += 1
    let location = StructureFindings.Location(line: line, spanNumber: spanNumber)
    if span.traceID.isEmpty || span.spanID.isEmpty || span.parentSpanID == "" {
      findings.note(.emptyID, at: location)
    }
    if span.parentSpanID == span.spanID { findings.note(.ownParent, at: location) }
    let record = SpanRecord(parentSpanID: span.parentSpanID, fingerprint: fingerprint, location: location)
    // One lookup of the trace id and one of the span id for most spans: this runs in file order
    // on one thread while the spans are decoded on all the others.
    if let trace = open.index(forKey: span.traceID) {
      let position = open.values[trace].records.count
      if let earlier = open.values[trace].positions.updateValue(position, forKey: span.spanID) {
        open.values[trace].positions[span.spanID] = earlier
        let first = open.values[trace].records[earlier]
        findings.note(first.fingerprint == record.fingerprint ? .duplicateSpan : .duplicateSpanID, at: location)
      } else {
        open.values[trace].records.append(record)
        openSpans += 1
      }
    } else {
      if closedTraceIDs.contains(span.traceID.hashValue) { tracesReopened += 1 }
      open[span.traceID] = OpenTrace(positions: [span.spanID: 0], records: [record])
      openOrder.append(span.traceID)
      openSpans += 1
    }
    while openSpans > openSpanLimit { closeOldest() }
  }

  /// Closes every trace still open and returns what was found.
  public mutating func finish() -> StructureFindings {
    while head < openOrder.count { closeOldest() }
    return findings
  }

  private mutating func closeOldest() {
    let traceID = openOrder[head]
    head += 1
    if head > 4096, head * 2 > openOrder.count {
      openOrder.removeFirst(head)
      head = 0
    }
    guard let trace = open.removeValue(forKey: traceID) else { return }
    openSpans -= trace.records.count
    rememberClosed(traceID.hashValue)
    countCycles(trace)
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
  private mutating func countCycles(_ trace: OpenTrace) {
    let records = trace.records
    guard records.count > 1 else { return }
    // A span whose parent is itself or not in the trace ends a walk (-1).
    let parents = records.indices.map { position in
      guard let parent = records[position].parentSpanID, let found = trace.positions[parent],
        found != position
      else { return -1 }
      return found
    }
    var state = [UInt8](repeating: 0, count: records.count)  // 1: on the current walk, 2: finished
    var walk: [Int] = []
    for start in records.indices where state[start] == 0 {
      walk.removeAll(keepingCapacity: true)
      var current = start
      while current >= 0, state[current] == 0 {
        state[current] = 1
        walk.append(current)
        current = parents[current]
      }
      if current >= 0, state[current] == 1, let cycleStart = walk.firstIndex(of: current) {
        let first = walk[cycleStart...].map { records[$0].location }
          .min { ($0.spanNumber ?? 0) < ($1.spanNumber ?? 0) }!
        findings.note(.parentCycle, at: first)
      }
      for position in walk { state[position] = 2 }
    }
  }

  /// A hash of every field the seed's model has, equal for exact duplicates (within a process).
  public static func fingerprint(_ span: Span) -> Int {
    var hasher = Hasher()
    hasher.combine(span.traceID)
    hasher.combine(span.spanID)
    hasher.combine(span.parentSpanID)
    hasher.combine(span.serviceName)
    hasher.combine(span.operationName)
    hasher.combine(span.startTimeNanos)
    hasher.combine(span.endTimeNanos)
    hasher.combine(span.statusCode)
    for tag in span.tags {
      hasher.combine(tag.key)
      hasher.combine(tag.value)
    }
    hasher.combine(span.logs.count)
    for log in span.logs {
      hasher.combine(log.timestampNanos)
      hasher.combine(log.event)
      for field in log.fields {
        hasher.combine(field.key)
        hasher.combine(field.value)
      }
    }
    return hasher.finalize()
  }
}
