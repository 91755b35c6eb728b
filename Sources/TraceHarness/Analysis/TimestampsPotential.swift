/// Potential 5, root-relative timestamps: per trace, the earliest span's start as a delta from the
/// previous trace's, then per span (start order) its start offset from that instant and its
/// duration, all zigzag varints of nanoseconds.
///
/// Entropy symbols: the column's bytes (order-0 over bytes; timestamps have too many distinct
/// values for a per-value bound to mean anything).
struct TimestampsPotential {
  private var column = EncodedColumn()
  private var previousStartNanos: Int64 = 0
  private var windowsNanos: [Int64] = []
  private var fingerprint = ValueFingerprint()
  private var rawBytes = 0
  private var spans = 0

  mutating func close(_ trace: [TraceAssembler.Member]) {
    let referenceNanos = trace[0].span.span.startTimeNanos
    Varint.appendSigned(referenceNanos &- previousStartNanos, to: &column.bytes)
    Varint.append(UInt64(trace.count), to: &column.bytes)
    previousStartNanos = referenceNanos
    let root = trace.first { $0.span.span.isRoot } ?? trace[0]
    windowsNanos.append(root.span.span.durationNanos)
    for member in trace {
      let span = member.span.span
      Varint.appendSigned(span.startTimeNanos &- referenceNanos, to: &column.bytes)
      Varint.appendSigned(span.durationNanos, to: &column.bytes)
      fingerprint.add(span.startTimeNanos)
      fingerprint.add(span.endTimeNanos)
      rawBytes += member.span.fieldBytes[.startTime] + member.span.fieldBytes[.endTime]
      spans += 1
    }
  }

  func finish(stated: String) throws -> PotentialResult {
    var bytes = SymbolCounts<UInt8>()
    bytes.add(bytes: column.bytes)
    let sorted = windowsNanos.sorted()
    func percentileMillis(_ fraction: Double) -> String {
      guard !sorted.isEmpty else { return "–" }
      let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))
      return Format.fixed(Double(sorted[index]) / 1e6, 1)
    }
    return PotentialResult(
      name: "root-relative timestamps", fields: [.startTime, .endTime], rawBytes: rawBytes,
      encodedBytes: column.bytes.count, encodedZstdBytes: try column.zstdBytes(),
      entropyBytes: bytes.entropyBytes, stated: stated,
      measured: "trace windows p50 \(percentileMillis(0.5)) ms, p95 \(percentileMillis(0.95)) ms",
      roundTrips: decode() == fingerprint, lossless: true,
      details: [
        .init("trace window (root duration) p50 / p95 / max, ms",
              "\(percentileMillis(0.5)) / \(percentileMillis(0.95)) / \(percentileMillis(1))"),
        .init("absolute decimals as written, bytes per span", Format.fixed(Double(rawBytes) / Double(max(spans, 1)), 1)),
        .init("encoded, bytes per span", Format.fixed(Double(column.bytes.count) / Double(max(spans, 1)), 2)),
      ])
  }

  private func decode() -> ValueFingerprint? {
    var restored = ValueFingerprint()
    var position = 0
    var previous: Int64 = 0
    while position < column.bytes.count {
      guard let delta = Varint.readSigned(column.bytes, at: &position),
        let count = Varint.read(column.bytes, at: &position)
      else { return nil }
      let reference = previous &+ delta
      previous = reference
      for _ in 0..<count {
        guard let offset = Varint.readSigned(column.bytes, at: &position),
          let duration = Varint.readSigned(column.bytes, at: &position)
        else { return nil }
        restored.add(reference &+ offset)
        restored.add(reference &+ offset &+ duration)
      }
    }
    return restored
  }
}
