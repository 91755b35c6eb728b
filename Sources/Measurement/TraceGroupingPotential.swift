import TraceJSON
import Codecs
import TraceModel

/// Potential 3, group by trace: each trace ID written once (binary) with its span count, plus what
/// it takes to restore the file's interleaving — per span a back-reference to its trace (0 for a
/// new trace, else how many traces back it opened) and per trace the arrival rank of each span.
///
/// Also measures what zstd gains from grouping alone: the same lines, grouped by trace.
/// Entropy symbols: the back-references and the per-trace permutations; the IDs count at their
/// random bits.
struct TraceGroupingPotential {
  private var ordinals: [String: Int] = [:]
  private var nextOrdinal = 0
  private var backReferences = EncodedColumn()
  private var traceRecords = EncodedColumn()
  private var referenceCounts = SymbolCounts<UInt64>()
  private var permutationCounts = SymbolCounts<Int>()
  private var idRandomBits = 0
  private var spansPerTrace = SymbolCounts<Int>()
  private var fingerprint = ValueFingerprint()
  private var rawBytes = 0
  private let grouped: VerifiedCompression

  private let zstdLevel: Int

  init(zstdLevel: Int) throws {
    self.zstdLevel = zstdLevel
    grouped = try VerifiedCompression(CodecSetting(.zstd, level: zstdLevel))
  }

  mutating func add(_ line: SpanLine) throws {
    rawBytes += line.fieldBytes[.traceID]
    let reference: UInt64
    if let ordinal = ordinals[line.span.traceID] {
      reference = UInt64(nextOrdinal - ordinal)
    } else {
      ordinals[line.span.traceID] = nextOrdinal
      nextOrdinal += 1
      reference = 0
    }
    try backReferences.append(varint: reference)
    referenceCounts.add(reference)
  }

  /// Records a closed trace (spans in start order) and forgets its ID.
  mutating func close(_ trace: [TraceAssembler.Member]) throws {
    let traceID = trace[0].line.span.traceID
    ordinals.removeValue(forKey: traceID)
    let id = IDBytes.binary(traceID)
    try traceRecords.append(varint: UInt64(id.count))
    try traceRecords.append(contentsOf: id)
    try traceRecords.append(varint: UInt64(trace.count))
    idRandomBits += IDBytes.randomBits(traceID, binary: id)
    spansPerTrace.add(trace.count)
    // Each member's rank among the trace's arrivals (they are distinct), by one sort: searching
    // the sorted ranks for each member was quadratic in the trace's spans.
    var ranks = [Int](repeating: 0, count: trace.count)
    for (rank, index) in trace.indices.sorted(by: { trace[$0].arrivalRank < trace[$1].arrivalRank }).enumerated() {
      ranks[index] = rank
    }
    for rank in ranks {
      try traceRecords.append(varint: UInt64(rank))
      permutationCounts.add(rank)
      fingerprint.add(Int64(rank))
    }
    fingerprint.add(Hex.encode(id))
    var lines: [UInt8] = []
    lines.reserveCapacity(trace.reduce(0) { $0 + $1.line.bytes.count })
    for position in trace.indices { lines += trace[position].line.bytes }
    try lines.withUnsafeBytes { try grouped.feed($0) }
  }

  func finish(zstdLevel: Int) throws -> PotentialResult {
    let groupedBytes = try grouped.finish()
    var head: [UInt8] = []
    Varint.append(UInt64(backReferences.count), to: &head)
    head += try backReferences.bytes()
    let zstdBytes = try traceRecords.zstdBytes(after: head, level: zstdLevel)
    let traces = spansPerTrace.total
    let spans = referenceCounts.total
    let entropyBits =
      referenceCounts.entropyBits + permutationCounts.entropyBits + Double(idRandomBits)
      + spansPerTrace.entropyBits
    return PotentialResult(
      potential: .traceGrouping, fields: [.traceID], rawBytes: rawBytes,
      encodedBytes: head.count + traceRecords.count, encodedZstdBytes: zstdBytes,
      order0EntropyBytes: Int((entropyBits / 8).rounded(.up)),
      roundTrips: try decode(traceRecords.reader(after: head), spans: spans) == fingerprint,
      figures: .traceGrouping(
        traces: traces, spans: spans, spansPerTrace: spansPerTrace.counts,
        groupedZstdBytes: groupedBytes),
      state: PotentialState(
        entropy: ["backReferences": EntropyTally(referenceCounts), "permutations": EntropyTally(permutationCounts)],
        sums: ["idRandomBits": idRandomBits]))
  }

  /// Reads the trace records back (the back-references are checked for count only: they are what
  /// the records' permutations are relative to).
  private func decode(_ column: EncodedColumnReader, spans: Int) throws -> ValueFingerprint? {
    var reader = column
    guard let referenceLength = try reader.varint(),
      var references = try reader.bytes(Int(clamping: referenceLength)).map({ EncodedColumnReader(Array($0)) })
    else { return nil }
    var referencesRead = 0
    while try !references.isAtEnd() {
      guard try references.varint() != nil else { return nil }
      referencesRead += 1
    }
    guard referencesRead == spans else { return nil }
    var restored = ValueFingerprint()
    while try !reader.isAtEnd() {
      guard let idLength = try reader.varint(), let id = try reader.bytes(Int(clamping: idLength)).map(Array.init),
        let count = try reader.varint()
      else { return nil }
      for _ in 0..<count {
        guard let rank = try reader.varint() else { return nil }
        restored.add(Int64(rank))
      }
      restored.add(Hex.encode(id))
    }
    return restored
  }
}
