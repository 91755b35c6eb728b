/// Potential 2, operation names: a dictionary per service and, per span, the operation's index
/// within its service's dictionary, bit-packed to that service's width.
///
/// The service column is decoded first, so the operation costs only what it adds to the service
/// (conditional entropy H(operation | service), the symbols counted here).
struct OperationNamesPotential {
  private var dictionaries: [StringDictionary] = []
  private(set) var global = StringDictionary()
  private var serviceOperations: [(service: UInt32, operation: UInt32)] = []
  private var conditionalCounts: [SymbolCounts<Int>] = []
  private var globalCounts = SymbolCounts<Int>()
  private var fingerprint = ValueFingerprint()
  private var rawBytes = 0

  /// Adds a span whose service has index `service` in the service column.
  mutating func add(_ span: EmittedSpan, service: Int) {
    while dictionaries.count <= service {
      dictionaries.append(StringDictionary())
      conditionalCounts.append(SymbolCounts())
    }
    let index = dictionaries[service].index(of: span.span.operationName)
    serviceOperations.append((UInt32(service), UInt32(index)))
    conditionalCounts[service].add(index)
    globalCounts.add(global.index(of: span.span.operationName))
    fingerprint.add(span.span.operationName)
    rawBytes += span.fieldBytes[.operationName]
  }

  func finish(stated: String) throws -> PotentialResult {
    var column = EncodedColumn()
    for dictionary in dictionaries { column.bytes += dictionary.encoded() }
    let widths = dictionaries.map { BitPacker.width(forSymbols: $0.count) }
    column.bytes += pack(widths)
    let spans = serviceOperations.count
    let pairs = dictionaries.reduce(0) { $0 + $1.count }
    let reuse = Double(spans) / Double(max(global.count, 1))
    let conditionalBits = conditionalCounts.reduce(0) { $0 + $1.entropyBits }
    return PotentialResult(
      name: "operation names", fields: [.operationName], rawBytes: rawBytes,
      encodedBytes: column.bytes.count, encodedZstdBytes: try column.zstdBytes(),
      entropyBytes: Int((conditionalBits / 8).rounded(.up)), stated: stated,
      measured: "\(global.count) unique, \(Format.fixed(reuse, 1))x reuse",
      roundTrips: decode(column.bytes) == fingerprint, lossless: true,
      details: [
        .init("distinct operation names", "\(global.count)"),
        .init("distinct (service, operation) pairs", "\(pairs)"),
        .init("global dictionary entropy, bits per span", Format.fixed(globalCounts.entropyBits / Double(max(spans, 1)), 3)),
        .init("given the service, bits per span", Format.fixed(conditionalBits / Double(max(spans, 1)), 3)),
      ])
  }

  private func pack(_ widths: [Int]) -> [UInt8] {
    var bits = BitPacker(bitsPerValue: 1)
    for (service, operation) in serviceOperations {
      let width = widths[Int(service)]
      for bit in 0..<width { bits.append(Int(operation >> UInt32(bit)) & 1) }
    }
    return bits.finished
  }

  private func decode(_ bytes: [UInt8]) -> ValueFingerprint? {
    var position = 0
    var names: [[String]] = []
    for _ in dictionaries {
      guard let entries = StringDictionary.decode(bytes, at: &position) else { return nil }
      names.append(entries)
    }
    let widths = names.map { BitPacker.width(forSymbols: $0.count) }
    let totalBits = serviceOperations.reduce(0) { $0 + widths[Int($1.service)] }
    let bits = BitPacker.unpack(Array(bytes[position...]), bitsPerValue: 1, count: totalBits)
    var cursor = 0
    var restored = ValueFingerprint()
    for (service, _) in serviceOperations {
      var index = 0
      for bit in 0..<widths[Int(service)] { index |= bits[cursor + bit] << bit }
      cursor += widths[Int(service)]
      guard index < names[Int(service)].count else { return nil }
      restored.add(names[Int(service)][index])
    }
    return restored
  }
}
