import Codecs
import TraceModel

/// The rest of each line: the status code (a varint per span) and the braces and newline, which a
/// columnar format does not need. Not a potential the seed names; it closes the byte attribution so
/// the shares add up to the file.
struct StatusPotential {
  private var column = EncodedColumn()
  private var counts = SymbolCounts<Int>()
  private var fingerprint = ValueFingerprint()
  private var rawBytes = 0

  mutating func add(_ line: SpanLine) throws {
    rawBytes += line.fieldBytes[.statusCode] + line.fieldBytes[.structure]
    try column.append(varint: UInt64(UInt(bitPattern: line.span.statusCode)))
    counts.add(line.span.statusCode)
    fingerprint.add(Int64(line.span.statusCode))
  }

  func finish(zstdLevel: Int) throws -> PotentialResult {
    let zstdBytes = try column.zstdBytes(level: zstdLevel)
    var reader = column.reader()
    var restored = ValueFingerprint()
    while let value = try reader.varint() {
      restored.add(Int64(Int(bitPattern: UInt(value))))
    }
    let errors = counts.counts[1, default: 0]
    return PotentialResult(
      potential: .statusAndStructure, fields: [.statusCode, .structure],
      rawBytes: rawBytes, encodedBytes: column.count,
      encodedZstdBytes: zstdBytes, order0EntropyBytes: counts.entropyBytes,
      roundTrips: try restored == fingerprint && reader.isAtEnd(),
      figures: .statusAndStructure(spans: counts.total, errors: errors),
      state: PotentialState(entropy: ["status": EntropyTally(counts)]))
  }
}
