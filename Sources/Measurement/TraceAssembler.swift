import Codecs
import TraceModel

/// Gathers streamed spans into whole traces, in memory bounded by the traces still open.
///
/// A trace closes once its tree is complete (it has a root and every span's parent is present) and a
/// span of another trace arrives: in arrival order that is just after its root (which ends last),
/// in trace order when the next trace begins. Traces never completed (orphans, missing roots) close
/// at the end. With `closesCompleteTraces` off (files, where a trace may come in several batches),
/// every trace stays open until the end.
struct TraceAssembler {
  var closesCompleteTraces = true

  /// A span with its arrival rank in the file.
  struct Member {
    var line: SpanLine
    var arrivalRank: Int
  }

  private struct OpenTrace {
    var members: [Member] = []
    var spanIDs = Set<String>()
    var missingParents = Set<String>()
    var hasRoot = false
    var isComplete: Bool { hasRoot && missingParents.isEmpty }
  }

  private var open: [String: OpenTrace] = [:]
  private var completeIDs = Set<String>()
  private var arrivals = 0

  /// Adds a span; returns the traces this arrival closed, each in start order.
  mutating func add(_ line: SpanLine) -> [[Member]] {
    let traceID = line.span.traceID
    var closed: [[Member]] = []
    for id in completeIDs where id != traceID {
      closed.append(Self.ordered(open.removeValue(forKey: id)!.members))
    }
    completeIDs = completeIDs.filter { $0 == traceID }
    var trace = open[traceID] ?? OpenTrace()
    trace.members.append(Member(line: line, arrivalRank: arrivals))
    arrivals += 1
    trace.spanIDs.insert(line.span.spanID)
    trace.missingParents.remove(line.span.spanID)
    if let parent = line.span.parentSpanID {
      if !trace.spanIDs.contains(parent) { trace.missingParents.insert(parent) }
    } else {
      trace.hasRoot = true
    }
    if trace.isComplete && closesCompleteTraces {
      completeIDs.insert(traceID)
    } else {
      completeIDs.remove(traceID)
    }
    open[traceID] = trace
    return closed
  }

  /// Closes every trace still open, in order of first arrival.
  mutating func finish() -> [[Member]] {
    let remaining = open.values.map(\.members).sorted { $0[0].arrivalRank < $1[0].arrivalRank }
    open = [:]
    completeIDs = []
    return remaining.map(Self.ordered)
  }

  /// Start order, ties by arrival.
  private static func ordered(_ members: [Member]) -> [Member] {
    members.sorted {
      ($0.line.span.startTimeNanos, $0.arrivalRank) < ($1.line.span.startTimeNanos, $1.arrivalRank)
    }
  }
}
