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
  /// Trace windows (root durations) by the text they are shown as, "12.3" ms: the percentiles come
  /// out as from every window kept and sorted, since showing a window never reorders two, in memory
  /// bounded by the distinct texts rather than by the traces.
  private var windows: [String: (traces: Int, nanos: Int64)] = [:]
  private var fingerprint = ValueFingerprint()
  private var rawBytes = 0
  private var spans = 0

  mutating func close(_ trace: [TraceAssembler.Member]) throws {
    let referenceNanos = trace[0].span.span.startTimeNanos
    try column.append(signedVarint: referenceNanos &- previousStartNanos)
    try column.append(varint: UInt64(trace.count))
    previousStartNanos = referenceNanos
    let root = trace.first { $0.span.span.isRoot } ?? trace[0]
    let windowNanos = root.span.span.durationNanos
    windows[Self.millisText(windowNanos), default: (0, windowNanos)].traces += 1
    for member in trace {
      let span = member.span.span
      try column.append(signedVarint: span.startTimeNanos &- referenceNanos)
      try column.append(signedVarint: span.durationNanos)
      fingerprint.add(span.startTimeNanos)
      fingerprint.add(span.endTimeNanos)
      rawBytes += member.span.fieldBytes[.startTime] + member.span.fieldBytes[.endTime]
      spans += 1
    }
  }

  private static func millisText(_ nanos: Int64) -> String { Format.fixed(Double(nanos) / 1e6, 1) }

  func finish(stated: String, zstdLevel: Int) throws -> PotentialResult {
    let zstdBytes = try column.zstdBytes(level: zstdLevel)
    let encoded = try column.bytes()
    var bytes = SymbolCounts<UInt8>()
    bytes.add(bytes: encoded)
    let shown = windows.sorted { $0.value.nanos < $1.value.nanos }
    let traces = shown.reduce(0) { $0 + $1.value.traces }
    func percentileMillis(_ fraction: Double) -> String {
      let index = min(traces - 1, Int((Double(traces - 1) * fraction).rounded()))
      var counted = 0
      for (text, bucket) in shown {
        counted += bucket.traces
        if index < counted { return text }
      }
      return "–"
    }
    return PotentialResult(
      name: "root-relative timestamps", fields: [.startTime, .endTime], rawBytes: rawBytes,
      encodedBytes: encoded.count, encodedZstdBytes: zstdBytes,
      entropyBytes: bytes.entropyBytes, stated: stated,
      measured: "trace windows p50 \(percentileMillis(0.5)) ms, p95 \(percentileMillis(0.95)) ms",
      roundTrips: decode(encoded) == fingerprint, lossless: true,
      details: [
        .init("trace window (root duration) p50 / p95 / max, ms",
              "\(percentileMillis(0.5)) / \(percentileMillis(0.95)) / \(percentileMillis(1))"),
        .init("absolute decimals as written, bytes per span", Format.fixed(Double(rawBytes) / Double(max(spans, 1)), 1)),
        .init("encoded, bytes per span", Format.fixed(Double(encoded.count) / Double(max(spans, 1)), 2)),
      ])
  }

  private func decode(_ bytes: [UInt8]) -> ValueFingerprint? {
    var restored = ValueFingerprint()
    var position = 0
    var previous: Int64 = 0
    while position < bytes.count {
      guard let delta = Varint.readSigned(bytes, at: &position),
        let count = Varint.read(bytes, at: &position)
      else { return nil }
      let reference = previous &+ delta
      previous = reference
      for _ in 0..<count {
        guard let offset = Varint.readSigned(bytes, at: &position),
          let duration = Varint.readSigned(bytes, at: &position)
        else { return nil }
        restored.add(reference &+ offset)
        restored.add(reference &+ offset &+ duration)
      }
    }
    return restored
  }
}
