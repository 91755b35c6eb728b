import Codecs
import TraceModel

/// Potential 5, root-relative timestamps: per trace, the earliest span's start as a delta from the
/// previous trace's, then per span (start order) its start offset from that instant and its
/// duration, all zigzag varints of nanoseconds.
///
/// Entropy symbols: the column's bytes (order-0 over bytes; timestamps have too many distinct
/// values for a per-value bound to mean anything).
struct TimestampsPotential {
  private var column = EncodedColumn()
  private var previousStartNanos: Int64 = 0
  /// Traces by their window (root duration) in tenths of a millisecond, the precision reports show:
  /// percentiles come out as from every window kept and sorted, in memory bounded by the distinct
  /// windows rather than by the traces.
  private var windows: [Int64: Int] = [:]
  private var fingerprint = ValueFingerprint()
  private var rawBytes = 0
  private var spans = 0
  /// Traces left out of `windows` because the span their window comes from has no timing of its
  /// own (`Span.timingUnknown`: a Zipkin span without timestamp or duration), whose 0 would read
  /// as a real window. Their spans stay in the column, its sizes and the span count.
  private(set) var tracesWithUnknownWindow = 0

  mutating func close(_ trace: [TraceAssembler.Member]) throws {
    let referenceNanos = trace[0].line.span.startTimeNanos
    try column.append(signedVarint: referenceNanos &- previousStartNanos)
    try column.append(varint: UInt64(trace.count))
    previousStartNanos = referenceNanos
    let root =
      trace.first { $0.line.span.isRoot } ?? trace.first { !$0.line.span.timingUnknown } ?? trace[0]
    if root.line.span.timingUnknown {
      tracesWithUnknownWindow += 1
    } else {
      windows[Self.tenthsOfMillis(root.line.span.durationNanos), default: 0] += 1
    }
    // Fields read in place: a `let span` copied each span whole, its every string retained.
    for position in trace.indices {
      let line = trace[position].line
      try column.append(signedVarint: line.span.startTimeNanos &- referenceNanos)
      try column.append(signedVarint: line.span.durationNanos)
      fingerprint.add(line.span.startTimeNanos)
      fingerprint.add(line.span.endTimeNanos)
      rawBytes += line.fieldBytes[.startTime] + line.fieldBytes[.endTime]
      spans += 1
    }
  }

  /// Rounded half away from zero, as the report's one-decimal millisecond text rounds.
  private static func tenthsOfMillis(_ nanos: Int64) -> Int64 {
    Int64((Double(nanos) / 100_000).rounded())
  }

  func finish(zstdLevel: Int) throws -> PotentialResult {
    let zstdBytes = try column.zstdBytes(level: zstdLevel)
    var bytes = SymbolCounts<UInt8>()
    var pieces = column.pieces()
    while let piece = try pieces.next() { bytes.add(bytes: piece) }
    return PotentialResult(
      potential: .rootRelativeTimestamps, fields: [.startTime, .endTime], rawBytes: rawBytes,
      encodedBytes: column.count, encodedZstdBytes: zstdBytes,
      order0EntropyBytes: bytes.entropyBytes, roundTrips: try decode() == fingerprint,
      figures: .rootRelativeTimestamps(spans: spans, traceWindows: windows),
      state: PotentialState(entropy: ["bytes": EntropyTally(bytes)]))
  }

  private func decode() throws -> ValueFingerprint? {
    var restored = ValueFingerprint()
    var reader = column.reader()
    var previous: Int64 = 0
    while try !reader.isAtEnd() {
      guard let delta = try reader.signedVarint(), let count = try reader.varint() else { return nil }
      let reference = previous &+ delta
      previous = reference
      for _ in 0..<count {
        guard let offset = try reader.signedVarint(), let duration = try reader.signedVarint()
        else { return nil }
        restored.add(reference &+ offset)
        restored.add(reference &+ offset &+ duration)
      }
    }
    return restored
  }
}
