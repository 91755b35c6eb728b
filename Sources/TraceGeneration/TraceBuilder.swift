import TraceFormats
import TraceJSON
import TraceModel

/// The state of one trace while its spans are drawn.
///
/// The order of the random draws is the dataset: changing it, or drawing once more or less, changes
/// every trace after the change.
struct TraceBuilder {
  /// The generator's services and propagation probability, rather than the generator itself,
  /// whose copy per trace would retain every string of the topology.
  let services: [ServiceModel]
  let errorPropagationProbability: Double
  var rng: SplitMix64
  var spans: [DrawnSpan] = []

  init(generator: TraceGenerator, rng: SplitMix64) {
    services = generator.services
    errorPropagationProbability = generator.topology.errorPropagationProbability
    self.rng = rng
    spans.reserveCapacity(TraceGenerator.maxSpansPerTrace)
  }

  /// The HTTP status of a span that fails by itself: one of three, drawn.
  private static let ownFailureStatuses: [Int64] = [500, 503, 504]

  /// Users follow a skewed population: most requests come from a few hundred active users, the
  /// rest from a long tail, as real user-id tags do.
  mutating func drawUserID() -> Int {
    rng.chance(0.8) ? 10_000 + rng.index(below: 500) : 10_000 + rng.index(below: 90_000)
  }

  /// Draws the span and its subtree; returns the span's end time.
  mutating func span(
    service serviceIndex: Int, operation: Int, parent: Int?, startNanos: Int64, depth: Int,
    forcedCallee: Int? = nil
  ) -> (endNanos: Int64, failed: Bool) {
    let model = services[serviceIndex]
    let position = spans.count
    spans.append(
      DrawnSpan(
        spanID: UUIDv4.randomBits(using: &rng), service: serviceIndex, operation: operation,
        parent: parent, depth: depth, startNanos: startNanos, endNanos: startNanos))

    let ownNanos = Latency.ownWorkNanos(meanMillis: model.meanLatencyMillis, using: &rng)
    let beforeCallsNanos = Int64(Double(ownNanos) * rng.uniform(0.1, 0.4))
    if model.cacheKeyPrefix != nil {
      let hit = rng.chance(model.cacheHitRate)
      spans[position].cacheLookup = DrawnSpan.CacheLookup(
        hit: hit, timestampNanos: startNanos + Int64(Double(beforeCallsNanos) * rng.unit()))
    }

    // Callees: the route's for the entry span, the call graph's otherwise. All are drawn before the
    // first is called; the lists are on the stack, as a heap array per span cost an allocation.
    let slots = max(1, model.callees.count)
    let (endNanos, failedByItself, failedFromChild) = withUnsafeTemporaryAllocation(
      of: Int.self, capacity: 2 * slots
    ) { lists -> (Int64, Bool, Int?) in
      let callees = lists.baseAddress!
      let failedChildren = callees + slots
      var calleeCount = 0
      if parent == nil {
        if let callee = forcedCallee {
          callees[0] = callee
          calleeCount = 1
        }
      } else {
        for (callee, probability) in model.callees where rng.chance(probability) {
          callees[calleeCount] = callee
          calleeCount += 1
        }
      }
      let callsStartNanos = startNanos + beforeCallsNanos
      var cursorNanos = callsStartNanos
      var failedCount = 0
      for callee in UnsafeBufferPointer(start: callees, count: calleeCount)
      where spans.count < TraceGenerator.maxSpansPerTrace {
        let gapNanos = Int64(rng.uniform(50_000, 800_000))
        let childStart = (model.parallelCalls ? callsStartNanos : cursorNanos) + gapNanos
        let child = span(
          service: callee, operation: rng.index(below: services[callee].operations.count),
          parent: position, startNanos: childStart, depth: depth + 1)
        cursorNanos = max(cursorNanos, child.endNanos)
        if child.failed {
          failedChildren[failedCount] = callee
          failedCount += 1
        }
      }
      let endNanos = cursorNanos + (ownNanos - beforeCallsNanos) + Int64(rng.uniform(10_000, 200_000))
      if let retry = model.retryProbability, rng.chance(retry) {
        spans[position].retryNanos = startNanos + (endNanos - startNanos) / 2
      }
      let failedByItself = rng.chance(model.errorRate)
      var failedFromChild: Int?
      for callee in UnsafeBufferPointer(start: failedChildren, count: failedCount)
      where rng.chance(errorPropagationProbability) {
        failedFromChild = failedFromChild ?? callee
      }
      return (endNanos, failedByItself, failedFromChild)
    }
    let failed = failedByItself || failedFromChild != nil
    if failed {
      let cause: DrawnSpan.FailureLog.Cause =
        failedByItself ? .own(rng.index(below: 3)) : .upstream(failedFromChild!)
      spans[position].httpStatus = failedByItself ? Self.ownFailureStatuses[rng.index(below: 3)] : 502
      spans[position].error = DrawnSpan.FailureLog(
        timestampNanos: endNanos - Int64(rng.uniform(5_000, 100_000)), cause: cause)
    }
    spans[position].endNanos = endNanos
    spans[position].failed = failed
    spans[position].failedIntrinsically = failedByItself
    return (endNanos, failed)
  }
}
