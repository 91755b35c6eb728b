/// The state of one trace while its spans are drawn.
///
/// The order of the random draws is the dataset: changing it, or drawing once more or less, changes
/// every trace after the change.
struct TraceBuilder {
  let generator: TraceGenerator
  var rng: SplitMix64
  let index: Int
  var traceID = ""
  /// The trace's user, and the product a request is about, shared by every span of the trace that
  /// names one; as text, made once per trace for the tags and cache keys.
  private var userIDText = ""
  private var skuText = ""
  private var userTag = TagValue.string("")
  var spans: [Span] = []
  var origins: [SpanOrigin] = []

  init(generator: TraceGenerator, rng: SplitMix64, index: Int) {
    self.generator = generator
    self.rng = rng
    self.index = index
    spans.reserveCapacity(TraceGenerator.maxSpansPerTrace)
    origins.reserveCapacity(TraceGenerator.maxSpansPerTrace)
  }

  /// Users follow a skewed population: most requests come from a few hundred active users, the
  /// rest from a long tail, as real user-id tags do.
  mutating func drawUserID() -> Int {
    rng.chance(0.8) ? 10_000 + rng.index(below: 500) : 10_000 + rng.index(below: 90_000)
  }

  mutating func setUser(_ userID: Int, sku: Int) {
    userIDText = String(userID)
    skuText = String(sku)
    userTag = .string("u" + userIDText)
  }

  /// Draws the span and its subtree; returns the span's end time.
  mutating func span(
    service serviceIndex: Int, operation: Int, parent: Int?, startNanos: Int64, depth: Int,
    forcedCallee: Int? = nil
  ) -> (endNanos: Int64, failed: Bool) {
    let model = generator.services[serviceIndex]
    let operationModel = model.operations[operation]
    let position = spans.count
    let spanID = UUIDv4.random(using: &rng)
    spans.append(
      Span(
        traceID: traceID, spanID: spanID, parentSpanID: parent.map { spans[$0].spanID },
        serviceName: model.name, operationName: operationModel.name,
        startTimeNanos: startNanos, endTimeNanos: startNanos))
    origins.append(
      SpanOrigin(
        service: serviceIndex, operation: operation, parent: parent, depth: depth,
        failedIntrinsically: false))

    let ownNanos = Latency.ownWorkNanos(meanMillis: model.meanLatencyMillis, using: &rng)
    let beforeCallsNanos = Int64(Double(ownNanos) * rng.uniform(0.1, 0.4))
    var logs: [LogEvent] = []
    if let prefix = model.cacheKeyPrefix {
      let hit = rng.chance(model.cacheHitRate)
      let key = prefix + ":" + (prefix == "sku" ? skuText : userIDText)
      logs.append(
        LogEvent(
          timestampNanos: startNanos + Int64(Double(beforeCallsNanos) * rng.unit()),
          event: hit ? "cache_hit" : "cache_miss", fields: [Tag("key", .string(key))]))
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
        service: callee, operation: rng.index(below: generator.services[callee].operations.count),
        parent: position, startNanos: childStart, depth: depth + 1)
      cursorNanos = max(cursorNanos, child.endNanos)
      if child.failed { failedChildren.append(callee) }
    }
    let endNanos = cursorNanos + (ownNanos - beforeCallsNanos) + Int64(rng.uniform(10_000, 200_000))

    if let retry = model.retryProbability, rng.chance(retry) {
      logs.append(
        LogEvent(
          timestampNanos: startNanos + (endNanos - startNanos) / 2, event: "retry",
          fields: [Tag("attempt", .int(2))]))
    }
    let failedByItself = rng.chance(model.errorRate)
    var failedFromChild: Int?
    for callee in failedChildren where rng.chance(generator.topology.errorPropagationProbability) {
      failedFromChild = failedFromChild ?? callee
    }
    let failed = failedByItself || failedFromChild != nil
    var httpStatus: Int64 = 200
    if failed {
      let message =
        failedByItself
        ? model.errorMessages[rng.index(below: 3)]
        : "upstream \(generator.services[failedFromChild!].name) failed"
      httpStatus = failedByItself ? [500, 503, 504][rng.index(below: 3)] : 502
      logs.append(
        LogEvent(
          timestampNanos: endNanos - Int64(rng.uniform(5_000, 100_000)), event: "error",
          fields: [Tag("message", .string(message))]))
    }
    spans[position].endTimeNanos = endNanos
    spans[position].statusCode = failed ? 1 : 0
    spans[position].logs = logs
    spans[position].tags = tags(
      model: model, operation: operationModel, httpStatus: httpStatus, isRoot: parent == nil)
    origins[position].failedIntrinsically = failedByItself
    return (endNanos, failed)
  }

  /// The tags real spans of each kind carry (OpenTracing semantic conventions).
  private func tags(
    model: ServiceModel, operation: OperationModel, httpStatus: Int64, isRoot: Bool
  ) -> [Tag] {
    var tags: [Tag] = []
    tags.reserveCapacity(8)
    switch model.kind {
    case .database:
      tags.append(Tag("db.system", model.dbSystem))
      tags.append(Tag("db.statement", operation.statement))
      tags.append(Tag("component", .string("database")))
      tags.append(Tag("peer.service", model.nameValue))
    case .internal, .external:
      tags.append(Tag("http.method", operation.method))
      tags.append(Tag("http.status_code", .int(httpStatus)))
      tags.append(Tag("component", .string("http")))
      if isRoot {
        tags.append(Tag("http.url", .string(operation.path(userID: userIDText, sku: skuText))))
      }
      if model.kind == .external {
        tags.append(Tag("http.url", operation.externalURL))
        tags.append(Tag("peer.service", model.nameValue))
      }
    }
    tags.append(Tag("span.kind", model.spanKind))
    if model.tagsUserID { tags.append(Tag("user.id", userTag)) }
    return tags
  }
}
