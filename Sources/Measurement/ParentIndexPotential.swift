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
    var positionByID: [String: Int] = [:]
    for (position, member) in trace.enumerated() { positionByID[member.span.span.spanID] = position }
    for (position, member) in trace.enumerated() {
      spans += 1
      rawBytes += member.span.fieldBytes[.parentSpanID]
      let value: UInt64
      if let parentID = member.span.span.parentSpanID {
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
        let id = Array(member.span.span.parentSpanID!.utf8)
        try column.append(varint: UInt64(id.count))
        try column.append(contentsOf: id)
      }
    }
  }

  func finish(stated: String, zstdLevel: Int) throws -> PotentialResult {
    let histogram = deltaHistogram.keys.sorted().map { "\($0): \(deltaHistogram[$0]!)" }
    let zstdBytes = try column.zstdBytes(level: zstdLevel)
    let bytes = try column.bytes()
    return PotentialResult(
      name: "parent index deltas", fields: [.parentSpanID], rawBytes: rawBytes,
      encodedBytes: bytes.count, encodedZstdBytes: zstdBytes,
      entropyBytes: counts.entropyBytes, stated: stated,
      measured: "\(Format.percent(Double(roots) / Double(max(spans, 1)))) roots (-1), "
        + "delta 1 for \(Format.percent(Double(deltaHistogram[1, default: 0]) / Double(max(spans, 1))))",
      roundTrips: decode(bytes) == fingerprint, lossless: true,
      details: [
        .init("roots", Format.grouped(roots)),
        .init("orphans (parent not in the data)", Format.grouped(orphans)),
        .init("index − parent index (spans)", histogram.joined(separator: ", ")),
      ])
  }

  private func decode(_ bytes: [UInt8]) -> ValueFingerprint? {
    var restored = ValueFingerprint()
    var position = 0
    while position < bytes.count {
      guard let value = Varint.read(bytes, at: &position) else { return nil }
      switch value {
      case 0: restored.add(Int64.min)
      case 1:
        guard let length = Varint.read(bytes, at: &position) else { return nil }
        let id = Array(bytes[position..<(position + Int(length))])
        position += Int(length)
        restored.add(String(decoding: id, as: UTF8.self))
      default: restored.add(Varint.unzigzag(value - 2))
      }
    }
    return restored
  }
}
