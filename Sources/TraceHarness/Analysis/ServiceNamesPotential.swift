/// Potential 1, service names: a dictionary of the distinct names and a bit-packed index per span.
///
/// Entropy symbols: the service of each span.
struct ServiceNamesPotential {
  private(set) var dictionary = StringDictionary()
  /// Per span, in file order: the index of its service (the operation column is keyed by it).
  private(set) var indices: [UInt32] = []
  private var counts = SymbolCounts<Int>()
  private var fingerprint = ValueFingerprint()
  private var rawBytes = 0

  mutating func add(_ span: EmittedSpan) {
    let index = dictionary.index(of: span.span.serviceName)
    indices.append(UInt32(index))
    counts.add(index)
    fingerprint.add(span.span.serviceName)
    rawBytes += span.fieldBytes[.serviceName]
  }

  func finish(stated: String) throws -> PotentialResult {
    var column = EncodedColumn(bytes: dictionary.encoded())
    let width = BitPacker.width(forSymbols: dictionary.count)
    var packer = BitPacker(bitsPerValue: width)
    for index in indices { packer.append(Int(index)) }
    column.bytes += packer.finished
    let reuse = Double(indices.count) / Double(max(dictionary.count, 1))
    return PotentialResult(
      name: "service names", fields: [.serviceName], rawBytes: rawBytes,
      encodedBytes: column.bytes.count, encodedZstdBytes: try column.zstdBytes(),
      entropyBytes: counts.entropyBytes, stated: stated,
      measured: "\(dictionary.count) unique, \(Format.fixed(reuse, 1))x reuse",
      roundTrips: decode(column.bytes) == fingerprint, lossless: true,
      details: [
        .init("distinct services", "\(dictionary.count)"),
        .init("bits per span (packed index)", "\(width)"),
        .init("entropy, bits per span", Format.fixed(counts.entropyBits / Double(max(indices.count, 1)), 3)),
      ])
  }

  private func decode(_ bytes: [UInt8]) -> ValueFingerprint? {
    var position = 0
    guard let names = StringDictionary.decode(bytes, at: &position) else { return nil }
    let packed = Array(bytes[position...])
    let width = BitPacker.width(forSymbols: names.count)
    var restored = ValueFingerprint()
    for index in BitPacker.unpack(packed, bitsPerValue: width, count: indices.count) {
      guard index < names.count else { return nil }
      restored.add(names[index])
    }
    return restored
  }
}
