import Codecs
import TraceModel

/// Potential 1, service names: a dictionary of the distinct names and a bit-packed index per span.
///
/// Entropy symbols: the service of each span.
struct ServiceNamesPotential {
  private(set) var dictionary = StringDictionary()
  /// Per span, in file order: the index of its service as a varint (a byte for up to 128 services),
  /// packed to its final width once the dictionary is complete.
  private var indices = EncodedColumn()
  private(set) var spans = 0
  private var counts = SymbolCounts<Int>()
  private var fingerprint = ValueFingerprint()
  private var rawBytes = 0

  /// Adds a span; returns its service's index, which keys the operation column.
  mutating func add(_ line: SpanLine) throws -> Int {
    let index = dictionary.index(of: line.span.serviceName)
    try indices.append(varint: UInt64(index))
    spans += 1
    counts.add(index)
    fingerprint.add(line.span.serviceName)
    rawBytes += line.fieldBytes[.serviceName]
    return index
  }

  func finish(zstdLevel: Int) throws -> PotentialResult {
    let width = BitPacker.width(forSymbols: dictionary.count)
    var packer = BitPacker(bitsPerValue: width)
    let indexBytes = try indices.bytes()
    var position = 0
    while let index = Varint.read(indexBytes, at: &position) { packer.append(Int(index)) }
    let column = dictionary.encoded() + packer.finished
    return PotentialResult(
      potential: .serviceNames, fields: [.serviceName], rawBytes: rawBytes,
      encodedBytes: column.count, encodedZstdBytes: try EncodedColumn.zstdBytes(of: column, level: zstdLevel),
      order0EntropyBytes: counts.entropyBytes, roundTrips: decode(column) == fingerprint,
      figures: .serviceNames(
        distinct: dictionary.count, spans: spans, bitsPerIndex: width, entropyBits: counts.entropyBits),
      state: PotentialState(
        distinct: ["services": DistinctValues(dictionary.entries)],
        entropy: ["services": EntropyTally(counts) { dictionary.entries[$0] }]))
  }

  private func decode(_ bytes: [UInt8]) -> ValueFingerprint? {
    var position = 0
    guard let names = StringDictionary.decode(bytes, at: &position) else { return nil }
    let packed = Array(bytes[position...])
    let width = BitPacker.width(forSymbols: names.count)
    var restored = ValueFingerprint()
    for index in BitPacker.unpack(packed, bitsPerValue: width, count: spans) {
      guard index < names.count else { return nil }
      restored.add(names[index])
    }
    return restored
  }
}
