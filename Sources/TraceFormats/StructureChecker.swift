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
/// own). Exact duplicates are found by a 64-bit fingerprint of every field. Either takes two
/// different values as one with a chance of about 2^-64 per pair (`IDHash`, in
/// `StructureChecker+Keys.swift`).
///
/// The open spans are records in one array, each trace's linked through `next`, found by one
/// table keyed by their trace and span hashes together. A dictionary of spans per trace took 45 MB
/// at the peak of analyzing a 126 MB file (heaptrack) and 53 MB on 1.26 GB; with the records,
/// `analyze --read-only` of the 126 MB file peaks at 58 MB instead of 76.
public struct StructureChecker {
  /// 2^18 spans: some 30 MB with the recently closed traces, a small share of the 256 MB a run may use.
  public static let defaultOpenSpanLimit = 1 << 18

  public let openSpanLimit: Int
  public private(set) var findings = StructureFindings()
  /// Spans that arrived for a trace the window had already closed.
  public private(set) var tracesReopened = 0

  /// An open span; `next` is the index of the next record of its trace, or of the next free
  /// record once it is closed (-1: none).
  private struct SpanRecord {
    var span: Int
    /// The hash of the parent's span id, when `hasParent`.
    var parent: Int
    var fingerprint: Int
    var spanNumber: Int
    /// `Int.min`: the format has no lines.
    var line: Int
    var next: Int32
    var hasParent: Bool

    var location: StructureFindings.Location {
      .init(line: line == .min ? nil : line, spanNumber: spanNumber)
    }
  }

  /// An open trace: its most recent record, the head of its list, and how many it has.
  private struct OpenTrace {
    var last: Int32
    var count: Int32
  }

  private var records: [SpanRecord] = []
  private var freeRecord: Int32 = -1
  /// Open spans' records by `pairKey(trace, span)`.
  private var recordsByKey: [Int: Int32] = [:]
  /// Open traces by the hash of their id.
  private var open: [Int: OpenTrace] = [:]
  /// Open traces' id hashes, oldest first from `head`; compacted as it drains.
  private var openOrder: [Int] = []
  private var head = 0
  private var openSpans = 0
  /// Hashes of recently closed trace ids, at most `openSpanLimit`, oldest dropped first.
  private var closedTraceIDs = Set<Int>()
  private var closedOrder: [Int] = []
  private var closedHead = 0
  private var spanNumber = 0
  /// The closing trace's records, and its walk's state (`countCycles`), kept for the next.
  private var members: [Int32] = []
  private var spanIDs: [Int] = []
  private var positions: [Int: Int] = [:]
  private var parentPositions: [Int] = []
  private var walkStates: [UInt8] = []
  private var walk: [Int] = []
  /// Up to this many spans a trace's parents are found by scanning its spans.
  private static let scannedTraceSpans = 16

  public init(openSpanLimit: Int = defaultOpenSpanLimit) {
    self.openSpanLimit = max(1, min(openSpanLimit, Int(Int32.max) - 1))
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
    // One lookup each in the span and trace tables: the record's index is known before it is
    // stored, and a duplicate puts the earlier index back.
    let pair = Self.pairKey(key.trace, key.span)
    let index = freeRecord >= 0 ? freeRecord : Int32(records.count)
    if let earlier = recordsByKey.updateValue(index, forKey: pair) {
      recordsByKey[pair] = earlier
      // The record kept is the first, which findings name.
      let kind: StructureFindings.Kind =
        records[Int(earlier)].fingerprint == key.fingerprint ? .duplicateSpan : .duplicateSpanID
      findings.note(kind, at: location)
      return
    }
    let previous = Self.link(index, into: &open[key.trace, default: OpenTrace(last: -1, count: 0)])
    store(
      SpanRecord(
        span: key.span, parent: key.parent ?? 0, fingerprint: key.fingerprint, spanNumber: spanNumber,
        line: key.line ?? .min, next: previous, hasParent: key.parent != nil),
      at: index)
    if previous < 0 {
      if closedTraceIDs.contains(key.trace) { tracesReopened += 1 }
      openOrder.append(key.trace)
    }
    openSpans += 1
    while openSpans > openSpanLimit { closeOldest() }
  }

  /// Makes record `index` the trace's most recent; returns the one that was (-1: a new trace).
  private static func link(_ index: Int32, into trace: inout OpenTrace) -> Int32 {
    defer {
      trace.last = index
      trace.count += 1
    }
    return trace.last
  }

  /// Closes every trace still open and returns what was found.
  ///
  /// The traces close in the order they opened, as the window closes them, but their spans are
  /// not taken out of the tables one by one: the tables go all at once.
  public mutating func finish() -> StructureFindings {
    for trace in openOrder[head...] {
      guard let entry = open[trace] else { continue }
      gatherMembers(from: entry.last)
      countCycles()
    }
    records = []
    freeRecord = -1
    recordsByKey = [:]
    open = [:]
    openOrder = []
    head = 0
    openSpans = 0
    return findings
  }

  /// One key for a span of a trace, which two different pairs share with a chance of about 2^-64.
  private static func pairKey(_ trace: Int, _ span: Int) -> Int {
    var hash = IDHash()
    hash.add(Int64(trace))
    hash.add(Int64(span))
    return hash.value
  }

  /// Stores `record` at `index`: the first free record, or a new one at the end.
  private mutating func store(_ record: SpanRecord, at index: Int32) {
    guard index == freeRecord else { return records.append(record) }
    freeRecord = records[Int(index)].next
    records[Int(index)] = record
  }

  private mutating func closeOldest() {
    let trace = openOrder[head]
    head += 1
    if head > 4096, head * 2 > openOrder.count {
      openOrder.removeFirst(head)
      head = 0
    }
    guard let entry = open.removeValue(forKey: trace) else { return }
    openSpans -= Int(entry.count)
    rememberClosed(trace)
    gatherMembers(from: entry.last)
    countCycles()
    for member in members {
      recordsByKey.removeValue(forKey: Self.pairKey(trace, records[Int(member)].span))
      records[Int(member)].next = freeRecord
      freeRecord = member
    }
  }

  /// Sets `members` to the records of the trace whose most recent is `last`.
  private mutating func gatherMembers(from last: Int32) {
    members.removeAll(keepingCapacity: true)
    var index = last
    while index >= 0 {
      members.append(index)
      index = records[Int(index)].next
    }
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

  /// Counts each parent cycle of two or more spans once, at its member read first: the cycles of
  /// the trace whose records are `members`.
  ///
  /// The walk runs on positions in `members`, each span's parent found once, by a scan in a
  /// small trace and by a table in a large one; its arrays are the checker's, reused, so closing
  /// a trace allocates nothing (most traces have a few spans, and a million of them close).
  private mutating func countCycles() {
    let count = members.count
    guard count > 1 else { return }
    let records = self.records
    spanIDs.removeAll(keepingCapacity: true)
    for member in members { spanIDs.append(records[Int(member)].span) }
    positions.removeAll(keepingCapacity: true)
    if count > Self.scannedTraceSpans {
      for (position, id) in spanIDs.enumerated() { positions[id] = position }
    }
    parentPositions.removeAll(keepingCapacity: true)
    for member in members {
      let record = records[Int(member)]
      guard record.hasParent, record.parent != record.span else {
        parentPositions.append(-1)
        continue
      }
      let position =
        count > Self.scannedTraceSpans ? positions[record.parent] : spanIDs.firstIndex(of: record.parent)
      parentPositions.append(position ?? -1)
    }
    // 0: not reached yet, 1: on the current walk, 2: finished.
    walkStates.removeAll(keepingCapacity: true)
    walkStates.append(contentsOf: repeatElement(0, count: count))
    for start in 0..<count where walkStates[start] == 0 {
      walk.removeAll(keepingCapacity: true)
      var current = start
      while current >= 0, walkStates[current] == 0 {
        walkStates[current] = 1
        walk.append(current)
        current = parentPositions[current]
      }
      if current >= 0, walkStates[current] == 1, let cycleStart = walk.firstIndex(of: current) {
        let first = walk[cycleStart...].map { records[Int(members[$0])] }.min { $0.spanNumber < $1.spanNumber }!
        findings.note(.parentCycle, at: first.location)
      }
      for position in walk { walkStates[position] = 2 }
    }
  }
}
