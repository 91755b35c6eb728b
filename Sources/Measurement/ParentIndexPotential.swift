import Codecs
import TraceModel

/// Potential 4, parent-child as index deltas: within each trace (spans in start order) each span
/// stores its distance back to its parent — 0 for a root, 1 for an orphan whose parent is not in
/// the data (its parent ID follows as text, so nothing is lost), else zigzag(index − parent) + 2 as a
/// varint.
///
/// Entropy symbols: those values.
struct ParentIndexPotential {
  private var column = EncodedColumn()
  private var counts = SymbolCounts<UInt64>()
  private var deltaHistogram: [Int: Int] = [:]
  private(set) var roots = 0
  private(set) var orphans = 0
  private var spans = 0
  private var fingerprint = ValueFingerprint()
  private var rawBytes = 0

  mutating func close(_ trace: [TraceAssembler.Member]) throws {
    // Members read in place, by position: iterating the array copied each (its line retained).
    var positionByID: [String: Int] = [:]
    positionByID.reserveCapacity(trace.count)
    for position in trace.indices { positionByID[trace[position].line.span.spanID] = position }
    for position in trace.indices {
      spans += 1
      rawBytes += trace[position].line.fieldBytes[.parentSpanID]
      let value: UInt64
      if let parentID = trace[position].line.span.parentSpanID {
        if let parent = positionByID[parentID] {
          let delta = position - parent
          deltaHistogram[delta, default: 0] += 1
          value = Varint.zigzag(Int64(delta)) + 2
          fingerprint.add(Int64(delta))
        } else {
          orphans += 1
          value = 1
          fingerprint.add(parentID)
        }
      } else {
        roots += 1
        value = 0
        fingerprint.add(Int64.min)
      }
      try column.append(varint: value)
      counts.add(value)
      if value == 1 {
        let id = Array(trace[position].line.span.parentSpanID!.utf8)
        try column.append(varint: UInt64(id.count))
        try column.append(contentsOf: id)
      }
    }
  }

  func finish(zstdLevel: Int) throws -> PotentialResult {
    let zstdBytes = try column.zstdBytes(level: zstdLevel)
    return PotentialResult(
      potential: .parentIndexDeltas, fields: [.parentSpanID], rawBytes: rawBytes,
      encodedBytes: column.count, encodedZstdBytes: zstdBytes,
      order0EntropyBytes: counts.entropyBytes, roundTrips: try decode() == fingerprint,
      figures: .parentIndexDeltas(
        spans: spans, roots: roots, orphans: orphans, deltaHistogram: deltaHistogram))
  }

  private func decode() throws -> ValueFingerprint? {
    var restored = ValueFingerprint()
    var reader = column.reader()
    while try !reader.isAtEnd() {
      guard let value = try reader.varint() else { return nil }
      switch value {
      case 0: restored.add(Int64.min)
      case 1:
        guard let length = try reader.varint(), let id = try reader.bytes(Int(clamping: length)) else { return nil }
        restored.add(String(decoding: id, as: UTF8.self))
      default: restored.add(Varint.unzigzag(value - 2))
      }
    }
    return restored
  }
}
