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

    // Callees: the route's for the entry span, the call graph's otherwise.
    var callees: [Int] = []
    if parent == nil {
      if let callee = forcedCallee { callees.append(callee) }
    } else {
      for (callee, probability) in model.callees where rng.chance(probability) {
        callees.append(callee)
      }
    }
    let callsStartNanos = startNanos + beforeCallsNanos
    var cursorNanos = callsStartNanos
    var failedChildren: [Int] = []
    for callee in callees where spans.count < TraceGenerator.maxSpansPerTrace {
      let gapNanos = Int64(rng.uniform(50_000, 800_000))
      let childStart = (model.parallelCalls ? callsStartNanos : cursorNanos) + gapNanos
      let child = span(
        service: callee, operation: rng.index(below: services[callee].operations.count),
        parent: position, startNanos: childStart, depth: depth + 1)
      cursorNanos = max(cursorNanos, child.endNanos)
      if child.failed { failedChildren.append(callee) }
    }
    let endNanos = cursorNanos + (ownNanos - beforeCallsNanos) + Int64(rng.uniform(10_000, 200_000))

    if let retry = model.retryProbability, rng.chance(retry) {
      spans[position].retryNanos = startNanos + (endNanos - startNanos) / 2
    }
    let failedByItself = rng.chance(model.errorRate)
    var failedFromChild: Int?
    for callee in failedChildren where rng.chance(errorPropagationProbability) {
      failedFromChild = failedFromChild ?? callee
    }
    let failed = failedByItself || failedFromChild != nil
    if failed {
      let cause: DrawnSpan.FailureLog.Cause =
        failedByItself ? .own(rng.index(below: 3)) : .upstream(failedFromChild!)
      spans[position].httpStatus = failedByItself ? [500, 503, 504][rng.index(below: 3)] : 502
      spans[position].error = DrawnSpan.FailureLog(
        timestampNanos: endNanos - Int64(rng.uniform(5_000, 100_000)), cause: cause)
    }
    spans[position].endNanos = endNanos
    spans[position].failed = failed
    spans[position].failedIntrinsically = failedByItself
    return (endNanos, failed)
  }
}
