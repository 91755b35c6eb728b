import Codecs
import TraceModel

/// Potential 6, the ID floor: span IDs as written against binary, and the random bits that no
/// lossless encoding can remove — a floor under any lossless format.
///
/// The binary column is the largest of all (17 bytes per span); like the others it is compressed at
/// the end, once the grouped stream's zstd-19 context is freed, rather than streamed into a second
/// context of its own for the whole run. Entropy: the IDs' random bits.
struct SpanIDsPotential {
  private var column = EncodedColumn()
  private(set) var randomBits = 0
  private(set) var uuidV4 = true
  private var spans = 0
  private var rawBytes = 0

  mutating func add(_ line: SpanLine) throws {
    let id = IDBytes.binary(line.span.spanID)
    try column.append(varint: UInt64(id.count))
    try column.append(contentsOf: id)
    let bits = IDBytes.randomBits(line.span.spanID, binary: id)
    uuidV4 = uuidV4 && bits == 122
    randomBits += bits
    spans += 1
    rawBytes += line.fieldBytes[.spanID]
  }

  func finish(zstdLevel: Int) throws -> PotentialResult {
    PotentialResult(
      potential: .spanIDs, fields: [.spanID], rawBytes: rawBytes,
      encodedBytes: column.count, encodedZstdBytes: try column.zstdBytes(level: zstdLevel),
      order0EntropyBytes: Int((Double(randomBits) / 8).rounded(.up)), roundTrips: true,
      figures: .spanIDs(spans: spans, randomBits: randomBits, allUUIDv4: uuidV4))
  }
}
