import Codecs
import TraceModel

/// Potential 2, operation names: a dictionary per service and, per span, the operation's index
/// within its service's dictionary, bit-packed to that service's width.
///
/// The service column is decoded first, so the operation costs only what it adds to the service
/// (conditional entropy H(operation | service), the symbols counted here).
struct OperationNamesPotential {
  private var dictionaries: [StringDictionary] = []
  private(set) var global = StringDictionary()
  /// Per span: its service's index and its operation's index in that service, as two varints.
  private var serviceOperations = EncodedColumn()
  private var spans = 0
  private var conditionalCounts: [SymbolCounts<Int>] = []
  private var globalCounts = SymbolCounts<Int>()
  private var fingerprint = ValueFingerprint()
  private var rawBytes = 0

  /// Adds a span whose service has index `service` in the service column.
  mutating func add(_ line: SpanLine, service: Int) throws {
    while dictionaries.count <= service {
      dictionaries.append(StringDictionary())
      conditionalCounts.append(SymbolCounts())
    }
    let index = dictionaries[service].index(of: line.span.operationName)
    try serviceOperations.append(varint: UInt64(service))
    try serviceOperations.append(varint: UInt64(index))
    spans += 1
    conditionalCounts[service].add(index)
    globalCounts.add(global.index(of: line.span.operationName))
    fingerprint.add(line.span.operationName)
    rawBytes += line.fieldBytes[.operationName]
  }

  /// `serviceNames`: the service column's dictionary, which names this column's conditions.
  func finish(zstdLevel: Int, serviceNames: [String]) throws -> PotentialResult {
    let pairs = try serviceOperations.bytes()
    var column: [UInt8] = []
    for dictionary in dictionaries { column += dictionary.encoded() }
    let widths = dictionaries.map { BitPacker.width(forSymbols: $0.count) }
    column += pack(pairs, widths: widths)
    let pairCount = dictionaries.reduce(0) { $0 + $1.count }
    let conditionalBits = conditionalCounts.reduce(0) { $0 + $1.entropyBits }
    return PotentialResult(
      potential: .operationNames, fields: [.operationName], rawBytes: rawBytes,
      encodedBytes: column.count, encodedZstdBytes: try EncodedColumn.zstdBytes(of: column, level: zstdLevel),
      order0EntropyBytes: Int((conditionalBits / 8).rounded(.up)),
      roundTrips: decode(column, pairs: pairs) == fingerprint,
      figures: .operationNames(
        distinct: global.count, serviceOperationPairs: pairCount, spans: spans,
        globalEntropyBits: globalCounts.entropyBits, givenServiceEntropyBits: conditionalBits),
      state: state(serviceNames: serviceNames))
  }

  /// Pairs are named service, unit separator, operation: neither name holds a control character
  /// a reader would keep apart from it.
  private func state(serviceNames: [String]) -> PotentialState {
    var pairs: [String] = []
    var given: [PotentialState.Keyed<EntropyTally>] = []
    for (service, dictionary) in dictionaries.enumerated() {
      pairs += dictionary.entries.map { serviceNames[service] + "\u{1F}" + $0 }
      given.append(.init(key: serviceNames[service], value: EntropyTally(conditionalCounts[service]) { dictionary.entries[$0] }))
    }
    return PotentialState(
      distinct: ["operations": DistinctValues(global.entries), "pairs": DistinctValues(pairs)],
      entropy: ["operations": EntropyTally(globalCounts) { global.entries[$0] }],
      entropyByKey: ["givenService": given])
  }

  /// Calls `body` with each span's (service, operation) from the pairs column.
  private func forEachPair(_ pairs: [UInt8], _ body: (Int, Int) -> Void) {
    var position = 0
    while let service = Varint.read(pairs, at: &position), let operation = Varint.read(pairs, at: &position) {
      body(Int(service), Int(operation))
    }
  }

  private func pack(_ pairs: [UInt8], widths: [Int]) -> [UInt8] {
    var bits = BitPacker(bitsPerValue: 1)
    forEachPair(pairs) { service, operation in
      for bit in 0..<widths[service] { bits.append((operation >> bit) & 1) }
    }
    return bits.finished
  }

  /// Decodes the operation column; the services come from the service column (`pairs` here).
  private func decode(_ bytes: [UInt8], pairs: [UInt8]) -> ValueFingerprint? {
    var position = 0
    var names: [[String]] = []
    for _ in dictionaries {
      guard let entries = StringDictionary.decode(bytes, at: &position) else { return nil }
      names.append(entries)
    }
    let widths = names.map { BitPacker.width(forSymbols: $0.count) }
    // Bits are read in place: unpacked one Int each, a million traces would take ~60 MB.
    var cursor = position * 8
    var restored: ValueFingerprint? = ValueFingerprint()
    forEachPair(pairs) { service, _ in
      var index = 0
      for bit in 0..<widths[service] {
        guard cursor >> 3 < bytes.count else { return restored = nil }
        index |= Int(bytes[cursor >> 3] >> UInt8(cursor & 7) & 1) << bit
        cursor += 1
      }
      if index < names[service].count { restored?.add(names[service][index]) } else { restored = nil }
    }
    return restored
  }
}
