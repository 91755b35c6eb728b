import Codecs
import TraceModel

/// Potential 7, tags and logs: a dictionary of keys, a dictionary of values per key, and per span
/// the tag count and (key, value) indices; logs as count, time offset from the span's start,
/// event index and field indices.
///
/// Entropy symbols: keys, values given their key, events, counts, and the bytes of the time
/// offsets.
struct TagsAndLogsPotential {
  private var keys = StringDictionary()
  private var values: [ValueDictionary] = []
  private var events = StringDictionary()
  private var stream = EncodedColumn()
  private var keyCounts = SymbolCounts<Int>()
  private var valueCounts: [IndexCounts] = []
  private var eventCounts = SymbolCounts<Int>()
  private var countCounts = SymbolCounts<Int>()
  private var offsetBytes = SymbolCounts<UInt8>()
  private var fingerprint = ValueFingerprint()
  private var rawBytes = 0
  private var spans = 0

  mutating func add(_ line: SpanLine) throws {
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
      if key == values.count {
        values.append(ValueDictionary())
        valueCounts.append(IndexCounts())
      }
      let value = try values[key].index(of: field.value)
      try stream.append(varint: UInt64(key))
      try stream.append(varint: UInt64(value))
      keyCounts.add(key)
      valueCounts[key].add(value)
      fingerprint.add(field.key)
      fingerprint.add(Int64(bitPattern: values[key].identities[value]))
    }
  }

  func finish(zstdLevel: Int) throws -> PotentialResult {
    let names = keys.encoded() + events.encoded()
    let dictionaryBytes = names.count + values.reduce(0) { $0 + $1.encodedBytes }
    let zstdBytes = try EncodedColumn.zstdBytes(
      ofParts: [EncodedColumnPieces(names)] + values.map(\.pieces) + [stream.pieces()], level: zstdLevel)
    let entropyBits =
      keyCounts.entropyBits + valueCounts.reduce(0) { $0 + $1.symbols.entropyBits }
      + eventCounts.entropyBits + countCounts.entropyBits + offsetBytes.entropyBits
    return PotentialResult(
      potential: .tagsAndLogs, fields: [.tags, .logs], rawBytes: rawBytes,
      encodedBytes: dictionaryBytes + stream.count, encodedZstdBytes: zstdBytes,
      order0EntropyBytes: Int((entropyBits / 8).rounded(.up)),
      roundTrips: try decode(names) == fingerprint,
      figures: .tagsAndLogs(
        distinctValuesPerKey: keys.entries.enumerated().map { (key: $1, distinct: values[$0].count) },
        keyUses: keyCounts.total, dictionaryBytes: dictionaryBytes, eventKinds: events.count,
        events: eventCounts.total),
      state: state)
  }

  /// Values are kept by their 64-bit hash, not their text: a value can be a stack trace or a SQL
  /// statement of kilobytes, and two values share a hash with a chance of about 2^-64 a pair.
  /// One key's names at a time, so a key of a million values never has them all as text.
  private var state: PotentialState {
    let keyNames = keys.entries
    func valueName(_ key: Int) -> (Int) -> String { { DistinctValues.identity(hash: values[key].identities[$0]) } }
    return PotentialState(
      distinct: ["events": DistinctValues(events.entries)],
      distinctByKey: ["values": keyNames.indices.map { key in
        .init(key: keyNames[key], value: DistinctValues(values[key].identities.indices.lazy.map(valueName(key))))
      }],
      entropy: [
        "keys": EntropyTally(keyCounts) { keyNames[$0] }, "events": EntropyTally(eventCounts) { events.entries[$0] },
        "counts": EntropyTally(countCounts), "offsetBytes": EntropyTally(offsetBytes),
      ],
      entropyByKey: [
        "valuesGivenKey": keyNames.indices.map { key in
          .init(key: keyNames[key], value: EntropyTally(valueCounts[key].symbols, name: valueName(key)))
        }
      ])
  }

  /// Reads the key and event names from `names`, the values' dictionaries and the column from
  /// where they lie; values come back as their identities, which is what the fingerprint took.
  private func decode(_ names: [UInt8]) throws -> ValueFingerprint? {
    var position = 0
    guard let keyNames = StringDictionary.decode(names, at: &position),
      let eventNames = StringDictionary.decode(names, at: &position), position == names.count,
      keyNames.count == values.count
    else { return nil }
    var valueNames: [[UInt64]] = []
    for dictionary in values {
      var reader = EncodedColumnReader(dictionary.pieces)
      guard let entries = try ValueDictionary.decodeIdentities(from: &reader), try reader.isAtEnd()
      else { return nil }
      valueNames.append(entries)
    }
    var reader = stream.reader()
    var restored = ValueFingerprint()
    func readFields() throws -> Bool {
      guard let count = try reader.varint() else { return false }
      for _ in 0..<count {
        guard let key = try reader.varint().map(Int.init), key < keyNames.count,
          let value = try reader.varint().map(Int.init), value < valueNames[key].count
        else { return false }
        restored.add(keyNames[key])
        restored.add(Int64(bitPattern: valueNames[key][value]))
      }
      return true
    }
    for _ in 0..<spans {
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
    return try reader.isAtEnd() ? restored : nil
  }
}
