import TraceModel

/// The Analysis of several shards as one: sums where the figure is a sum (bytes, spans, counts,
/// histograms, each shard's own blocks and columns), the union of the distinct values, and each
/// entropy from the merged symbol counts (or summed over shards where a shard had too many
/// symbols to keep; `EntropyTally`).
extension AnalysisResult {
  /// Adds `other`, a shard measured with the same options, after this one.
  public mutating func merge(_ other: AnalysisResult) {
    for index in potentials.indices { potentials[index].merge(other.potentials[index]) }
    fieldBytes += other.fieldBytes
    traceIDs.merge(other.traceIDs)
    traces = traceIDs.count
    spans += other.spans
    services = distinct(.serviceNames, "services")?.count ?? 0
    operations = distinct(.operationNames, "operations")?.count ?? 0
    roots += other.roots
    orphans += other.orphans
    tracesWithUnknownWindow += other.tracesWithUnknownWindow
    splitTraces += other.splitTraces
    idRandomBits += other.idRandomBits
    idFloorBytes = Self.bytes(bits: Double(idRandomBits))
  }

  /// Whether a distinct count of this result is a HyperLogLog estimate: `traces`, `services`
  /// and `operations` of the source table.
  public var tracesAreEstimated: Bool { traceIDs.isEstimate }
  public var servicesAreEstimated: Bool { distinct(.serviceNames, "services")?.isEstimate ?? false }
  public var operationsAreEstimated: Bool { distinct(.operationNames, "operations")?.isEstimate ?? false }

  private func distinct(_ potential: Potential, _ name: String) -> DistinctValues? {
    potentials.first { $0.potential == potential }?.state.distinct[name]
  }

  static func bytes(bits: Double) -> Int { Int((bits / 8).rounded(.up)) }
}

extension PotentialResult {
  /// Adds `other`, the same potential of a later shard: the columns are the shards' own, so their
  /// sizes add up; the figures that are not sums come from the merged state.
  mutating func merge(_ other: PotentialResult) {
    rawBytes += other.rawBytes
    encodedBytes += other.encodedBytes
    encodedZstdBytes += other.encodedZstdBytes
    roundTrips = roundTrips && other.roundTrips
    state.merge(other.state)
    let state = state
    let bits = { (name: String) in state.entropy[name]?.bits ?? 0 }
    let count = { (name: String) in state.distinct[name]?.count ?? 0 }
    switch (figures, other.figures) {
    case let (.serviceNames(_, spans, width, _), .serviceNames(_, otherSpans, otherWidth, _)):
      // Each shard's column packs to its own width; the widest is the figure.
      figures = .serviceNames(
        distinct: count("services"), spans: spans + otherSpans, bitsPerIndex: max(width, otherWidth),
        entropyBits: bits("services"))
      order0EntropyBytes = AnalysisResult.bytes(bits: bits("services"))
    case let (.operationNames(_, _, spans, _, _), .operationNames(_, _, otherSpans, _, _)):
      let given = state.entropyBits(byKey: "givenService")
      figures = .operationNames(
        distinct: count("operations"), serviceOperationPairs: count("pairs"), spans: spans + otherSpans,
        globalEntropyBits: bits("operations"), givenServiceEntropyBits: given)
      order0EntropyBytes = AnalysisResult.bytes(bits: given)
    case let (.traceGrouping(traces, spans, perTrace, grouped), .traceGrouping(t, s, p, g)):
      let spansPerTrace = perTrace.merging(p, uniquingKeysWith: +)
      figures = .traceGrouping(
        traces: traces + t, spans: spans + s, spansPerTrace: spansPerTrace, groupedZstdBytes: grouped + g)
      order0EntropyBytes = AnalysisResult.bytes(
        bits: bits("backReferences") + bits("permutations") + Double(state.sums["idRandomBits"] ?? 0)
          + SymbolCounts(counts: spansPerTrace).entropyBits)
    case let (.parentIndexDeltas(spans, roots, orphans, deltas), .parentIndexDeltas(s, r, o, d)):
      let histogram = deltas.merging(d, uniquingKeysWith: +)
      figures = .parentIndexDeltas(spans: spans + s, roots: roots + r, orphans: orphans + o, deltaHistogram: histogram)
      // The column's symbols are exactly these counts: 0 a root, 1 an orphan, else zigzag(delta) + 2.
      var symbols: [UInt64: Int] = [0: roots + r, 1: orphans + o]
      for (delta, spans) in histogram { symbols[Varint.zigzag(Int64(delta)) + 2] = spans }
      order0EntropyBytes = SymbolCounts(counts: symbols).entropyBytes
    case let (.rootRelativeTimestamps(spans, windows), .rootRelativeTimestamps(s, w)):
      figures = .rootRelativeTimestamps(spans: spans + s, traceWindows: windows.merging(w, uniquingKeysWith: +))
      order0EntropyBytes = AnalysisResult.bytes(bits: bits("bytes"))
    case let (.spanIDs(spans, randomBits, uuid), .spanIDs(s, r, u)):
      figures = .spanIDs(spans: spans + s, randomBits: randomBits + r, allUUIDv4: uuid && u)
      order0EntropyBytes = AnalysisResult.bytes(bits: Double(randomBits + r))
    case let (.tagsAndLogs(_, keyUses, dictionaries, _, events), .tagsAndLogs(_, k, d, _, e)):
      let keys = (state.distinctByKey["values"] ?? []).map { (key: $0.key, distinct: $0.value.count) }
      figures = .tagsAndLogs(
        distinctValuesPerKey: keys, keyUses: keyUses + k, dictionaryBytes: dictionaries + d,
        eventKinds: count("events"), events: events + e)
      order0EntropyBytes = AnalysisResult.bytes(
        bits: bits("keys") + state.entropyBits(byKey: "valuesGivenKey") + bits("events") + bits("counts")
          + bits("offsetBytes"))
    case let (.statusAndStructure(spans, errors), .statusAndStructure(s, e)):
      figures = .statusAndStructure(spans: spans + s, errors: errors + e)
      order0EntropyBytes = AnalysisResult.bytes(bits: bits("status"))
    default:
      preconditionFailure("potentials merge in the same order: \(potential) with \(other.potential)")
    }
  }
}
