import Codecs
import TraceModel

/// Potential 7, tags and logs: a dictionary of keys, a dictionary of values per key in each block
/// of `blockSpans` spans (`BlockValueDictionaries`), and per span the tag count and (key, value)
/// indices; logs as count, time offset from the span's start, event index and field indices.
///
/// Entropy symbols: keys, values given their key, events, counts, and the bytes of the time
/// offsets.
struct TagsAndLogsPotential {
  /// Spans per block of value dictionaries, whether or not traces are grouped in blocks: those of
  /// the trace-store file (`TraceStoreOptions.maxSpansPerBlock`), so the estimate and the real
  /// file repeat a value once per block alike. Against one dictionary for the file, on 100k
  /// generated traces (`user.id`'s 18,000 values recur all over the file): 937 KB of dictionaries
  /// instead of 519 KB, a lossless sum 0.9% larger; blocks of 16,384 spans, as traces are grouped,
  /// made them 1.53 MB and the sum 2.1% larger.
  static let dictionaryBlockSpans = 65_536

  private let blockSpans: Int
  private var keys = StringDictionary()
  private var values = BlockValueDictionaries()
  private var events = StringDictionary()
  private var stream = EncodedColumn()
  private var keyCounts = SymbolCounts<Int>()
  private var eventCounts = SymbolCounts<Int>()
  private var countCounts = SymbolCounts<Int>()
  private var offsetBytes = SymbolCounts<UInt8>()
  private var fingerprint = ValueFingerprint()
  private var rawBytes = 0
  private var spans = 0

  init(blockSpans: Int = dictionaryBlockSpans) { self.blockSpans = max(1, blockSpans) }

  mutating func add(_ line: SpanLine) throws {
    if spans > 0, spans % blockSpans == 0 { try values.endBlock(keyCount: keys.count) }
    spans += 1
    rawBytes += line.fieldBytes[.tags] + line.fieldBytes[.logs]
    // The fields it loops over are taken out of the span first, so the span is not held borrowed
    // across this potential's own changes.
    let tags = line.span.tags, logs = line.span.logs, start = line.span.startTimeNanos
    try appendFields(tags)
    try stream.append(varint: UInt64(logs.count))
    countCounts.add(logs.count)
    for log in logs {
      var offset: [UInt8] = []
      Varint.appendSigned(log.timestampNanos &- start, to: &offset)
      try stream.append(contentsOf: offset)
      offsetBytes.add(bytes: offset)
      let event = events.index(of: log.event)
      try stream.append(varint: UInt64(event))
      eventCounts.add(event)
      fingerprint.add(log.timestampNanos &- start)
      fingerprint.add(log.event)
      try appendFields(log.fields)
    }
  }

  private mutating func appendFields(_ fields: [Tag]) throws {
    try stream.append(varint: UInt64(fields.count))
    countCounts.add(fields.count)
    for field in fields {
      let key = keys.index(of: field.key)
      let value = try values.index(of: field.value, key: key)
      try stream.append(varint: UInt64(key))
      try stream.append(varint: UInt64(value.index))
      keyCounts.add(key)
      fingerprint.add(field.key)
      fingerprint.add(Int64(bitPattern: value.identity))
    }
  }

  /// Ends the last block and measures; call once.
  mutating func finish(zstdLevel: Int) throws -> PotentialResult {
    try values.endBlock(keyCount: keys.count)
    let names = keys.encoded() + events.encoded()
    let dictionaryBytes = names.count + values.written.count
    let zstdBytes = try EncodedColumn.zstdBytes(
      ofParts: [EncodedColumnPieces(names), values.written.pieces(), stream.pieces()], level: zstdLevel)
    let distinct = keys.entries.indices.map(values.distinctValues)
    let valueEntropy = keys.entries.indices.map(values.entropyTally)
    let valueBits = valueEntropy.reduce(0) { $0 + $1.bits }
    let entropyBits =
      keyCounts.entropyBits + valueBits + eventCounts.entropyBits + countCounts.entropyBits + offsetBytes.entropyBits
    return PotentialResult(
      potential: .tagsAndLogs, fields: [.tags, .logs], rawBytes: rawBytes,
      encodedBytes: dictionaryBytes + stream.count, encodedZstdBytes: zstdBytes,
      order0EntropyBytes: Int((entropyBits / 8).rounded(.up)),
      roundTrips: try decode(names) == fingerprint,
      figures: .tagsAndLogs(
        distinctValuesPerKey: keys.entries.enumerated().map { (key: $1, distinct: distinct[$0].count) },
        keyUses: keyCounts.total, dictionaryBytes: dictionaryBytes, eventKinds: events.count,
        events: eventCounts.total),
      state: state(distinct: distinct, valueEntropy: valueEntropy))
  }

  /// Values are kept by their 64-bit hash, not their text: a value can be a stack trace or a SQL
  /// statement of kilobytes, and two values share a hash with a chance of about 2^-64 a pair.
  /// `distinct` and `valueEntropy`: each key's, in key order.
  private func state(distinct: [DistinctValues], valueEntropy: [EntropyTally]) -> PotentialState {
    let keyNames = keys.entries
    return PotentialState(
      distinct: ["events": DistinctValues(events.entries)],
      distinctByKey: ["values": keyNames.indices.map { .init(key: keyNames[$0], value: distinct[$0]) }],
      entropy: [
        "keys": EntropyTally(keyCounts) { keyNames[$0] }, "events": EntropyTally(eventCounts) { events.entries[$0] },
        "counts": EntropyTally(countCounts), "offsetBytes": EntropyTally(offsetBytes),
      ],
      entropyByKey: [
        "valuesGivenKey": keyNames.indices.map { .init(key: keyNames[$0], value: valueEntropy[$0]) }
      ])
  }

  /// Reads the key and event names from `names`, each block's value dictionaries and the column
  /// from where they lie; values come back as their identities, which is what the fingerprint took.
  private func decode(_ names: [UInt8]) throws -> ValueFingerprint? {
    var position = 0
    guard let keyNames = StringDictionary.decode(names, at: &position),
      let eventNames = StringDictionary.decode(names, at: &position), position == names.count
    else { return nil }
    var dictionaries = values.written.reader()
    var reader = stream.reader()
    var restored = ValueFingerprint()
    var block: [[UInt64]] = []
    func readFields() throws -> Bool {
      guard let count = try reader.varint() else { return false }
      for _ in 0..<count {
        guard let key = try reader.varint().map(Int.init), key < keyNames.count, key < block.count,
          let value = try reader.varint().map(Int.init), value < block[key].count
        else { return false }
        restored.add(keyNames[key])
        restored.add(Int64(bitPattern: block[key][value]))
      }
      return true
    }
    for index in 0..<values.blocks {
      guard let read = try BlockValueDictionaries.decodeBlock(from: &dictionaries) else { return nil }
      block = read
      for _ in 0..<min(blockSpans, spans - index * blockSpans) {
        guard try readFields(), let logs = try reader.varint() else { return nil }
        for _ in 0..<logs {
          guard let offset = try reader.signedVarint(),
            let event = try reader.varint().map(Int.init), event < eventNames.count
          else { return nil }
          restored.add(offset)
          restored.add(eventNames[event])
          guard try readFields() else { return nil }
        }
      }
    }
    return try reader.isAtEnd() && dictionaries.isAtEnd() ? restored : nil
  }
}
