import Codecs
import TraceModel

/// Gathers streamed spans into whole traces, in memory bounded by the traces still open.
///
/// A trace closes once its tree is complete (it has a root and every span's parent is present) and a
/// span of another trace arrives: in arrival order that is just after its root (which ends last),
/// in trace order when the next trace begins. Traces never completed (orphans, missing roots) close
/// at the end. With `closesCompleteTraces` off (files, where a trace may come in several batches),
/// traces stay open until the end of their block.
///
/// Blocks bound the memory whatever the input size, as trace stores do (a Tempo block, a Parquet
/// row group, a ClickHouse part): after `blockSpanLimit` spans every open trace closes. A trace
/// whose spans fall into two blocks closes once per block; its part in the later block is marked
/// `continuesEarlierBlock`, and the trace is counted once in `splitTraces`. The trace ids of the
/// last `rememberedBlocks` blocks are kept to recognise it (hashed, so memory is bounded by a few
/// blocks): with blocks of 2^14 spans, the previous block alone missed traces of the real sample
/// that skip a block, and counted one of its 9,047 traces twice. A trace that skips more blocks
/// than that is not recognised as split.
struct TraceAssembler {
  var closesCompleteTraces = true
  /// Spans per block; nil: one block, the whole stream.
  var blockSpanLimit: Int?

  /// A span with its arrival rank in the file.
  struct Member {
    var line: SpanLine
    var arrivalRank: Int
    /// The span's start, kept beside it for sorting: read through `line.span` the comparisons
    /// retained and released the span's box each time.
    var startTimeNanos: Int64

    init(line: SpanLine, arrivalRank: Int) {
      self.line = line
      self.arrivalRank = arrivalRank
      startTimeNanos = line.span.startTimeNanos
    }
  }

  /// A closed trace, or a block's part of one.
  struct Closed {
    /// In start order.
    var members: [Member]
    /// Whether the previous block already closed a part of this trace.
    var continuesEarlierBlock: Bool
  }

  private struct OpenTrace {
    var members: [Member] = []
    var spanIDs = Set<String>()
    var missingParents = Set<String>()
    var hasRoot = false
    var continuesEarlierBlock = false
    var countedAsSplit = false
    var isComplete: Bool { hasRoot && missingParents.isEmpty }

    /// Adds `member`; returns whether the trace is now complete. Without `tracksCompleteness`
    /// (traces that close with their block) the ID sets stay empty and the answer is false: kept
    /// for every span of a file, they were a quarter of the assembler's time.
    mutating func add(_ member: Member, tracksCompleteness: Bool) -> Bool {
      members.append(member)
      guard tracksCompleteness else { return false }
      let spanID = member.line.span.spanID
      spanIDs.insert(spanID)
      missingParents.remove(spanID)
      if let parent = member.line.span.parentSpanID {
        if !spanIDs.contains(parent) { missingParents.insert(parent) }
      } else {
        hasRoot = true
      }
      return isComplete
    }
  }

  private var open: [String: OpenTrace] = [:]
  private var completeIDs = Set<String>()
  private var arrivals = 0
  private var blockSpans = 0
  /// Blocks whose trace ids are kept to recognise a later part of their traces.
  static let rememberedBlocks = 4
  /// Hashes of the trace ids the last blocks closed: the last block that closed each, and whether
  /// it is already counted in `splitTraces`.
  private var recentlyClosed: [Int: (block: Int, counted: Bool)] = [:]
  /// The id hashes each remembered block closed, oldest first.
  private var closedPerBlock: [[Int]] = []
  private var blockNumber = 0
  /// Traces whose spans fell into more than one block, each counted once.
  private(set) var splitTraces = 0

  /// Adds a span; returns the traces this arrival closed.
  mutating func add(_ line: SpanLine) -> [Closed] {
    let traceID = line.span.traceID
    var closed: [Closed] = []
    if !completeIDs.isEmpty {
      for id in completeIDs where id != traceID {
        closed.append(Self.closed(open.removeValue(forKey: id)!))
      }
      completeIDs = completeIDs.filter { $0 == traceID }
    }
    if open[traceID] == nil { open[traceID] = newTrace(traceID) }
    // Changed in place: a copy taken out of the dictionary and stored back copied the trace's
    // members and ID sets on every span, each element retained, since the dictionary still held them.
    let isComplete = open[traceID]!.add(
      Member(line: line, arrivalRank: arrivals), tracksCompleteness: closesCompleteTraces)
    arrivals += 1
    if isComplete {
      completeIDs.insert(traceID)
    } else {
      completeIDs.remove(traceID)
    }
    blockSpans += 1
    if let blockSpanLimit, blockSpans >= blockSpanLimit {
      rememberBlock()
      closed += finish()
      blockSpans = 0
    }
    return closed
  }

  /// Closes every trace still open, in order of first arrival.
  mutating func finish() -> [Closed] {
    let remaining = open.values.sorted { $0.members[0].arrivalRank < $1.members[0].arrivalRank }
    open = [:]
    completeIDs = []
    return remaining.map(Self.closed)
  }

  /// Notes the traces this block closes, and forgets those of the block now too old.
  private mutating func rememberBlock() {
    var hashes: [Int] = []
    hashes.reserveCapacity(open.count)
    for (traceID, trace) in open {
      let hash = traceID.hashValue
      hashes.append(hash)
      recentlyClosed[hash] = (blockNumber, trace.countedAsSplit || recentlyClosed[hash]?.counted == true)
    }
    closedPerBlock.append(hashes)
    if closedPerBlock.count > Self.rememberedBlocks {
      let oldest = blockNumber - Self.rememberedBlocks
      for hash in closedPerBlock.removeFirst() where recentlyClosed[hash]?.block == oldest {
        recentlyClosed[hash] = nil
      }
    }
    blockNumber += 1
  }

  /// A trace's first span in this block: split if one of the remembered blocks closed part of it.
  private mutating func newTrace(_ traceID: String) -> OpenTrace {
    var trace = OpenTrace()
    if let earlier = recentlyClosed[traceID.hashValue] {
      trace.continuesEarlierBlock = true
      trace.countedAsSplit = true
      if !earlier.counted { splitTraces += 1 }
    }
    return trace
  }

  /// Start order, ties by arrival.
  private static func closed(_ trace: OpenTrace) -> Closed {
    Closed(
      members: trace.members.sorted { ($0.startTimeNanos, $0.arrivalRank) < ($1.startTimeNanos, $1.arrivalRank) },
      continuesEarlierBlock: trace.continuesEarlierBlock)
  }
}
