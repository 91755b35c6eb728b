import TraceModel

/// The potentials the seed documents, in its order, plus the column that makes the raw shares add
/// up to the file. Reports name them; the measurement only tells them apart.
public enum Potential: String, Sendable, CaseIterable, Codable {
  case serviceNames, operationNames, traceGrouping, parentIndexDeltas, rootRelativeTimestamps,
    spanIDs, tagsAndLogs, statusAndStructure
}

/// One potential measured on a dataset: what its fields take as written, what a real encoded column
/// of them takes, with and without zstd, and the order-0 entropy of the column's symbols.
public struct PotentialResult: Sendable, Equatable, Codable {
  public var potential: Potential
  /// The JSON fields the column covers.
  var fields: [SpanField]
  /// Bytes those fields take in the raw JSONL (keys and punctuation included).
  public var rawBytes: Int
  /// Bytes of the encoded column, dictionaries included.
  public var encodedBytes: Int
  /// The encoded column through zstd at the analysis level, verified.
  public var encodedZstdBytes: Int
  /// Order-0 entropy of the symbols the column encodes (each potential's doc comment names them):
  /// what a coder that sees each symbol alone needs. Not a bound for compressors that model
  /// context, which zstd does.
  public var order0EntropyBytes: Int
  /// Whether decoding the column gave back exactly the values fed in.
  public var roundTrips: Bool
  /// The potential's own figures.
  public var figures: PotentialFigures
  /// What merging this result with another shard's needs beyond the figures.
  public var state = PotentialState()
}

/// The figures each potential measures beside its column sizes: counts and histograms only.
public enum PotentialFigures: Sendable, Equatable {
  case serviceNames(distinct: Int, spans: Int, bitsPerIndex: Int, entropyBits: Double)
  case operationNames(
    distinct: Int, serviceOperationPairs: Int, spans: Int, globalEntropyBits: Double,
    givenServiceEntropyBits: Double)
  /// `spansPerTrace`: how many traces have each span count.
  case traceGrouping(traces: Int, spans: Int, spansPerTrace: [Int: Int], groupedZstdBytes: Int)
  /// `deltaHistogram`: spans by their index minus their parent's index.
  case parentIndexDeltas(spans: Int, roots: Int, orphans: Int, deltaHistogram: [Int: Int])
  /// `traceWindows`: traces by their root's duration in tenths of a millisecond.
  case rootRelativeTimestamps(spans: Int, traceWindows: [Int64: Int])
  case spanIDs(spans: Int, randomBits: Int, allUUIDv4: Bool)
  /// `distinctValuesPerKey`: in the order keys first appeared.
  case tagsAndLogs(
    distinctValuesPerKey: [(key: String, distinct: Int)], keyUses: Int, dictionaryBytes: Int,
    eventKinds: Int, events: Int)
  case statusAndStructure(spans: Int, errors: Int)

  public static func == (lhs: PotentialFigures, rhs: PotentialFigures) -> Bool {
    switch (lhs, rhs) {
    case let (.tagsAndLogs(a, b, c, d, e), .tagsAndLogs(f, g, h, i, j)):
      a.map(\.key) == f.map(\.key) && a.map(\.distinct) == f.map(\.distinct)
        && (b, c, d, e) == (g, h, i, j)
    case let (.serviceNames(a, b, c, d), .serviceNames(e, f, g, h)): (a, b, c, d) == (e, f, g, h)
    case let (.operationNames(a, b, c, d, e), .operationNames(f, g, h, i, j)):
      (a, b, c, d, e) == (f, g, h, i, j)
    case let (.traceGrouping(a, b, c, d), .traceGrouping(e, f, g, h)): (a, b, d) == (e, f, h) && c == g
    case let (.parentIndexDeltas(a, b, c, d), .parentIndexDeltas(e, f, g, h)): (a, b, c) == (e, f, g) && d == h
    case let (.rootRelativeTimestamps(a, b), .rootRelativeTimestamps(c, d)): a == c && b == d
    case let (.spanIDs(a, b, c), .spanIDs(d, e, f)): (a, b, c) == (d, e, f)
    case let (.statusAndStructure(a, b), .statusAndStructure(c, d)): (a, b) == (c, d)
    default: false
    }
  }
}

/// A running fingerprint of the values a column encodes, to compare with what decoding gives back
/// without keeping the values themselves.
struct ValueFingerprint: Equatable {
  private var hash = FNV1a64()
  private(set) var count = 0

  /// One step of the whole value: a step per byte made these fingerprints 1.5% of analyze's CPU
  /// on 126 MB, where a multiplication per value does the same job.
  mutating func add(_ value: Int64) {
    hash.add(word: UInt64(bitPattern: value))
    count += 1
  }

  mutating func add(_ text: String) {
    hash.add(text.utf8)
    add(Int64(text.utf8.count))
  }
}
