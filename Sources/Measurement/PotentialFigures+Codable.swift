/// The figures as the analyze JSON's mergeable section stores them: the same cases, with the
/// per-key list as objects and the window histogram keyed by text, so the JSON is the same bytes
/// on every run (a dictionary of `Int64` keys would be written as a list in hash order).
extension PotentialFigures: Codable {
  private struct KeyCount: Codable {
    var key: String
    var distinct: Int
  }

  private enum Stored: Codable {
    case serviceNames(distinct: Int, spans: Int, bitsPerIndex: Int, entropyBits: Double)
    case operationNames(
      distinct: Int, serviceOperationPairs: Int, spans: Int, globalEntropyBits: Double,
      givenServiceEntropyBits: Double)
    case traceGrouping(traces: Int, spans: Int, spansPerTrace: [Int: Int], groupedZstdBytes: Int)
    case parentIndexDeltas(spans: Int, roots: Int, orphans: Int, deltaHistogram: [Int: Int])
    case rootRelativeTimestamps(spans: Int, traceWindows: [String: Int])
    case spanIDs(spans: Int, randomBits: Int, allUUIDv4: Bool)
    case tagsAndLogs(
      distinctValuesPerKey: [KeyCount], keyUses: Int, dictionaryBytes: Int, eventKinds: Int, events: Int)
    case statusAndStructure(spans: Int, errors: Int)
  }

  public init(from decoder: any Decoder) throws {
    switch try Stored(from: decoder) {
    case let .serviceNames(a, b, c, d): self = .serviceNames(distinct: a, spans: b, bitsPerIndex: c, entropyBits: d)
    case let .operationNames(a, b, c, d, e):
      self = .operationNames(
        distinct: a, serviceOperationPairs: b, spans: c, globalEntropyBits: d, givenServiceEntropyBits: e)
    case let .traceGrouping(a, b, c, d): self = .traceGrouping(traces: a, spans: b, spansPerTrace: c, groupedZstdBytes: d)
    case let .parentIndexDeltas(a, b, c, d): self = .parentIndexDeltas(spans: a, roots: b, orphans: c, deltaHistogram: d)
    case let .rootRelativeTimestamps(spans, windows):
      var traceWindows: [Int64: Int] = [:]
      for (tenths, traces) in windows {
        guard let tenths = Int64(tenths) else {
          throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "window \(tenths)"))
        }
        traceWindows[tenths] = traces
      }
      self = .rootRelativeTimestamps(spans: spans, traceWindows: traceWindows)
    case let .spanIDs(a, b, c): self = .spanIDs(spans: a, randomBits: b, allUUIDv4: c)
    case let .tagsAndLogs(keys, b, c, d, e):
      self = .tagsAndLogs(
        distinctValuesPerKey: keys.map { (key: $0.key, distinct: $0.distinct) }, keyUses: b, dictionaryBytes: c,
        eventKinds: d, events: e)
    case let .statusAndStructure(a, b): self = .statusAndStructure(spans: a, errors: b)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    let stored: Stored =
      switch self {
      case let .serviceNames(a, b, c, d): .serviceNames(distinct: a, spans: b, bitsPerIndex: c, entropyBits: d)
      case let .operationNames(a, b, c, d, e):
        .operationNames(distinct: a, serviceOperationPairs: b, spans: c, globalEntropyBits: d, givenServiceEntropyBits: e)
      case let .traceGrouping(a, b, c, d): .traceGrouping(traces: a, spans: b, spansPerTrace: c, groupedZstdBytes: d)
      case let .parentIndexDeltas(a, b, c, d): .parentIndexDeltas(spans: a, roots: b, orphans: c, deltaHistogram: d)
      case let .rootRelativeTimestamps(spans, windows):
        .rootRelativeTimestamps(
          spans: spans, traceWindows: Dictionary(uniqueKeysWithValues: windows.map { ("\($0.key)", $0.value) }))
      case let .spanIDs(a, b, c): .spanIDs(spans: a, randomBits: b, allUUIDv4: c)
      case let .tagsAndLogs(keys, b, c, d, e):
        .tagsAndLogs(
          distinctValuesPerKey: keys.map { KeyCount(key: $0.key, distinct: $0.distinct) }, keyUses: b,
          dictionaryBytes: c, eventKinds: d, events: e)
      case let .statusAndStructure(a, b): .statusAndStructure(spans: a, errors: b)
      }
    try stored.encode(to: encoder)
  }
}
