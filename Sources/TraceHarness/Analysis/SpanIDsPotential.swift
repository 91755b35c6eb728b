/// Potential 6, the ID floor: span IDs as written against binary, and the random bits that no
/// lossless encoding can remove — a floor under any lossless format.
///
/// The binary column streams straight into zstd-19 (random bytes do not compress, and keeping 16
/// bytes per span is the largest column of all). Entropy: the IDs' random bits.
struct SpanIDsPotential {
  private let compression: VerifiedCompression
  private var pending: [UInt8] = []
  private var encodedBytes = 0
  private(set) var randomBits = 0
  private(set) var uuidV4 = true
  private var spans = 0
  private var rawBytes = 0

  init() throws {
    compression = try VerifiedCompression(CodecSetting(.zstd, level: 19))
  }

  mutating func add(_ span: EmittedSpan) throws {
    let id = IDBytes.binary(span.span.spanID)
    Varint.append(UInt64(id.count), to: &pending)
    pending += id
    let bits = IDBytes.randomBits(span.span.spanID)
    uuidV4 = uuidV4 && bits == 122
    randomBits += bits
    spans += 1
    rawBytes += span.fieldBytes[.spanID]
    if pending.count >= 1 << 16 { try flush() }
  }

  private mutating func flush() throws {
    encodedBytes += pending.count
    try pending.withUnsafeBytes { try compression.feed($0) }
    pending.removeAll(keepingCapacity: true)
  }

  mutating func finish(stated: String) throws -> PotentialResult {
    try flush()
    let zstdBytes = try compression.finish()
    let floorBytes = Int((Double(randomBits) / 8).rounded(.up))
    return PotentialResult(
      name: "span IDs (ID floor)", fields: [.spanID], rawBytes: rawBytes,
      encodedBytes: encodedBytes, encodedZstdBytes: zstdBytes, entropyBytes: floorBytes,
      stated: stated,
      measured: uuidV4
        ? "UUIDv4: 122 random bits each, \(Format.grouped(floorBytes)) bytes"
        : "not all UUIDv4: floor assumes IDs random over their width (an upper estimate)",
      roundTrips: true, lossless: true,
      details: [
        .init("as written, bytes per span", Format.fixed(Double(rawBytes) / Double(max(spans, 1)), 1)),
        .init("random bits per span", Format.fixed(Double(randomBits) / Double(max(spans, 1)), 1)),
      ])
  }
}
