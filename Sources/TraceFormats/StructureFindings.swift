/// Broken structure found in a dataset: how often each kind occurred and where it first did.
///
/// Nothing here stops a read: real exports carry these faults, and refusing the file would leave
/// the user with nothing, while accepting it silently would skew the figures. The report's
/// "what the reader did" section lists each kind with its count and first location.
public struct StructureFindings: Sendable, Equatable, Codable {
  /// A kind of broken structure.
  public enum Kind: String, Sendable, CaseIterable, Codable, CodingKeyRepresentable {
    /// A span whose parent id is its own id.
    case ownParent
    /// Spans of one trace whose parent links go round in a circle of two or more.
    case parentCycle
    /// A span identical in every field to an earlier span of its trace.
    case duplicateSpan
    /// A span id used by an earlier, different span of the same trace (Zipkin's shared client
    /// and server spans do this by design, so it is counted, not refused).
    case duplicateSpanID
    /// A span with an empty trace id, span id or parent id.
    case emptyID
    /// A JSON object with the same key twice; the readers of OTLP, Zipkin and Jaeger take the
    /// first value, those of jsonl and seed spans the last. A span's tag keys stay unique, as
    /// the model requires: a jsonl `tags` object with a key twice is still refused, with its line.
    case duplicateJSONKey
    /// An OTLP `resourceSpans` entry with both `scopeSpans` and `instrumentationLibrarySpans`;
    /// only `scopeSpans` is read.
    case bothScopeSpanKeys

    /// A phrase for reports: "spans that are their own parent".
    public var summary: String {
      switch self {
      case .ownParent: "spans that are their own parent"
      case .parentCycle: "parent cycles"
      case .duplicateSpan: "exact duplicate spans"
      case .duplicateSpanID: "span ids used twice in a trace"
      case .emptyID: "spans with an empty trace, span or parent id"
      case .duplicateJSONKey: "JSON keys given twice in an object"
      case .bothScopeSpanKeys: "OTLP resources with both scopeSpans and instrumentationLibrarySpans"
      }
    }
  }

  /// Where a finding first occurred: a line of the file, a byte offset (for one-document formats),
  /// or the span's 1-based position in reading order.
  public struct Location: Sendable, Equatable, Codable, CustomStringConvertible {
    public var line: Int?
    public var byteOffset: Int?
    public var spanNumber: Int?

    public init(line: Int? = nil, byteOffset: Int? = nil, spanNumber: Int? = nil) {
      self.line = line
      self.byteOffset = byteOffset
      self.spanNumber = spanNumber
    }

    public var description: String {
      if let line { return "line \(line)" }
      if let byteOffset { return "byte offset \(byteOffset)" }
      return spanNumber.map { "span \($0)" } ?? "unknown place"
    }
  }

  public private(set) var counts: [Kind: Int] = [:]
  public private(set) var firstLocations: [Kind: Location] = [:]

  public init() {}

  public var isEmpty: Bool { counts.isEmpty }

  /// Records `count` occurrences of `kind`, keeping the first location seen.
  public mutating func note(_ kind: Kind, count: Int = 1, at location: Location) {
    guard count > 0 else { return }
    counts[kind, default: 0] += count
    if firstLocations[kind] == nil { firstLocations[kind] = location }
  }

  /// Adds `other`'s counts; for each kind the first location stays that of `self` if it has one.
  public mutating func merge(_ other: StructureFindings) {
    for (kind, count) in other.counts { note(kind, count: count, at: other.firstLocations[kind]!) }
  }

  /// One line per kind found, in `Kind.allCases` order: "2 parent cycles (first at line 14)".
  public var notes: [String] {
    Kind.allCases.compactMap { kind in
      counts[kind].map { "\($0) \(kind.summary) (first at \(firstLocations[kind]!))" }
    }
  }
}
