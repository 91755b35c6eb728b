import TraceFormats
import TraceJSON
import TraceModel

/// Reads back what `AttributeEncoder` wrote: the attribute lists of `recordCount` records in order.
///
/// The values of every slot are read up front, since a slot's values follow each other in their
/// column; a record's list is then assembled by taking the next value of each slot of its shape.
struct AttributeDecoder {
  private var shapes: [[Int]] = []
  private var recordShapes: [Int] = []
  /// Each slot's values in record order; empty for a string slot, whose values are its entries
  /// in `dictionaries` (`stringEntries`).
  private var values: [[TagValue]] = []
  /// How many values each slot has.
  private var valueCounts: [Int] = []
  private var keys: [String] = []
  private var nextValue: [Int] = []
  private var nextRecord = 0
  /// For writing JSON (`prepareForJSON()`): each slot's key as `"key":`, and the most bytes a
  /// record of each shape can take, its members and the commas between or before them.
  private var keysJSON: [[UInt8]] = []
  private var shapeMaxBytes: [Int] = []
  /// The string slots' values as dictionary entries, so JSON copies each entry's text written
  /// once per block: every slot's dictionaries one after another (`dictionaries`), each string
  /// value the number of its entry there (`stringEntries`, slot after slot from `slotValueStart`).
  /// A `Tag` is made from its entry when asked for (`next()`).
  private var dictionaries: [String] = []
  private var stringEntries: [Int32] = []
  private var slotValueStart: [Int] = []
  private var isStringSlot: [Bool] = []
  /// `dictionaries` as JSON strings, one after another, and where each ends.
  private var entriesJSON: [UInt8] = [], entryEnds: [Int] = []
  /// For writing protobuf (`prepareForProtobuf()`): each slot's key as a `KeyValue.key` field, and
  /// `dictionaries` as `AnyValue` messages holding them, one after another, and where each ends.
  private var keysProto: [[UInt8]] = []
  private var entriesProto: [UInt8] = [], entryProtoEnds: [Int] = []

  init(_ set: AttributeSet, recordCount: Int, columns: inout BlockColumns) throws {
    var slotTable = columns.reader(.attribute(set, .slots))
    var types: [ValueType] = []
    // Slots and shapes are refused at their first repeat, as dictionary strings are: a column of
    // 27 MB of zeros, stored as none, read as 13 million empty-keyed slots (a fuzzer timeout).
    var seenSlots = Set<AttributeEncoder.SlotKey>()
    while !slotTable.isAtEnd {
      let code = try slotTable.byte()
      guard let type = ValueType(rawValue: code) else { throw slotTable.failure("unknown value type \(code)") }
      let key = try slotTable.string()
      guard seenSlots.insert(AttributeEncoder.SlotKey(key: key, type: type)).inserted else {
        throw slotTable.failure("slot \"\(key.prefix(40))\" of type \(code) is in the table twice")
      }
      types.append(type)
      keys.append(key)
    }
    var shapeDictionary = columns.reader(.attribute(set, .shapeDictionary))
    var seenShapes = Set<[Int]>()
    while !shapeDictionary.isAtEnd {
      let length = try shapeDictionary.count(atMost: shapeDictionary.remaining)
      let shape = try (0..<length).map { _ in try shapeDictionary.index(below: types.count) }
      guard seenShapes.insert(shape).inserted else {
        throw shapeDictionary.failure("shape \(shapes.count) repeats an earlier one")
      }
      shapes.append(shape)
    }
    var shapeColumn = columns.reader(.attribute(set, .shapes))
    guard recordCount <= shapeColumn.remaining else { throw shapeColumn.failure("\(recordCount) shapes expected") }
    var slotCounts = [Int](repeating: 0, count: types.count)
    for _ in 0..<recordCount {
      let shape = try shapeColumn.index(below: shapes.count)
      recordShapes.append(shape)
      for slot in shapes[shape] { slotCounts[slot] += 1 }
    }
    valueCounts = slotCounts
    try readValues(set, types: types, columns: &columns)
    nextValue = [Int](repeating: 0, count: types.count)
    for reader in [slotTable, shapeDictionary, shapeColumn] { try reader.expectEnd() }
  }

  private mutating func readValues(_ set: AttributeSet, types: [ValueType], columns: inout BlockColumns) throws {
    var dictionaryColumn = columns.reader(.attribute(set, .stringDictionary))
    var strings = columns.reader(.attribute(set, .strings))
    var ints = columns.reader(.attribute(set, .ints)), doubles = columns.reader(.attribute(set, .doubles))
    var bools = columns.reader(.attribute(set, .bools)), nested = columns.reader(.attribute(set, .nested))
    for (type, count) in zip(types, valueCounts) {
      var slot: [TagValue] = []
      slotValueStart.append(stringEntries.count)
      isStringSlot.append(type == .string)
      switch type {
      case .string:
        let dictionary = try dictionaryColumn.dictionary(
          count: try dictionaryColumn.count(atMost: dictionaryColumn.remaining))
        guard count <= strings.remaining else { throw strings.failure("\(count) values expected") }
        let firstEntry = dictionaries.count
        dictionaries += dictionary
        for _ in 0..<count { stringEntries.append(Int32(firstEntry + (try strings.index(below: dictionary.count)))) }
      case .int:
        guard count <= ints.remaining else { throw ints.failure("\(count) values expected") }
        var previous: Int64 = 0
        for _ in 0..<count {
          previous = previous &+ (try ints.signed())
          slot.append(.int(previous))
        }
      case .double:
        guard count <= doubles.remaining / 8 else { throw doubles.failure("\(count) values expected") }
        for _ in 0..<count { slot.append(.double(Double(bitPattern: try doubles.fixed64()))) }
      case .bool:
        guard count <= bools.remaining else { throw bools.failure("\(count) values expected") }
        for _ in 0..<count {
          let flag = try bools.byte()
          guard flag <= 1 else { throw bools.failure("bool byte \(flag)") }
          slot.append(.bool(flag == 1))
        }
      case .nested:
        guard count <= nested.remaining else { throw nested.failure("\(count) values expected") }
        for _ in 0..<count { slot.append(try NestedValue.read(&nested, depth: 0)) }
      }
      values.append(slot)
    }
    for reader in [dictionaryColumn, strings, ints, doubles, bools, nested] { try reader.expectEnd() }
  }

  /// Makes what `nextMaxBytes` and `writeNext` use: once per block, for a reader that writes JSON.
  mutating func prepareForJSON() {
    keysJSON = keys.map { Array(JSONWriter.stringBytes($0)) + [UInt8(ascii: ":")] }
    for text in dictionaries {
      JSONWriter.string(text, &entriesJSON)
      entryEnds.append(entriesJSON.count)
    }
    let slotMaxBytes = values.indices.map { slot in
      let longest =
        isStringSlot[slot]
        ? (0..<valueCounts[slot]).reduce(0) { max($0, entryRange(entry(slot, $1)).count) }
        : values[slot].reduce(0) { max($0, SpanJSONWriter.valueBytes($1)) }
      return longest + keysJSON[slot].count + 1
    }
    shapeMaxBytes = shapes.map { shape in shape.reduce(0) { $0 + slotMaxBytes[$1] } }
  }

  /// The dictionary entry of a string slot's value.
  private func entry(_ slot: Int, _ index: Int) -> Int { Int(stringEntries[slotValueStart[slot] + index]) }

  private func entryRange(_ entry: Int) -> Range<Int> { Self.range(of: entry, in: entryEnds) }

  private static func range(of entry: Int, in ends: [Int]) -> Range<Int> {
    (entry == 0 ? 0 : ends[entry - 1])..<ends[entry]
  }

  /// The most bytes `writeNext` can write for the next record, or for the next `count` together.
  func nextMaxBytes(count: Int = 1) -> Int {
    (nextRecord..<nextRecord + count).reduce(0) { $0 + shapeMaxBytes[recordShapes[$1]] }
  }

  /// Writes the next record's attributes as JSON members, `"key":value`, each after a comma when
  /// `commaFirst`, else between commas: what `next()` gives, as `SpanJSONWriter.member` writes it.
  mutating func writeNext(commaFirst: Bool, to cursor: inout ByteCursor) {
    defer { nextRecord += 1 }
    let shape = recordShapes[nextRecord]
    for (index, slot) in shapes[shape].enumerated() {
      if commaFirst || index > 0 { cursor.byte(UInt8(ascii: ",")) }
      keysJSON[slot].withUnsafeBufferPointer { cursor.copy($0) }
      if isStringSlot[slot] {
        let range = entryRange(entry(slot, nextValue[slot]))
        entriesJSON.withUnsafeBufferPointer { cursor.copy(UnsafeBufferPointer(rebasing: $0[range])) }
      } else {
        SpanJSONWriter.value(values[slot][nextValue[slot]], to: &cursor)
      }
      nextValue[slot] += 1
    }
  }

  /// Makes what `writeNextProtobuf` uses: once per block, for a reader that writes protobuf.
  mutating func prepareForProtobuf() {
    keysProto = keys.map { key in
      var field = ProtoWriter()
      field.string(key, field: 1)
      return field.bytes
    }
    var entries = ProtoWriter()
    for text in dictionaries {
      entries.tag(1, .lengthDelimited)
      entries.varint(UInt64(text.utf8.count))
      entries.bytes.append(contentsOf: text.utf8)
      entryProtoEnds.append(entries.bytes.count)
    }
    entriesProto = entries.bytes
  }

  /// Writes the next record's attributes as `KeyValue` messages of field `field`: what
  /// `ProtoWriter.attributes` writes of `next()`, a string value's message copied as made once
  /// per block.
  mutating func writeNextProtobuf(field: Int, to out: inout ProtoWriter) {
    defer { nextRecord += 1 }
    for slot in shapes[recordShapes[nextRecord]] {
      let index = nextValue[slot]
      nextValue[slot] += 1
      guard isStringSlot[slot] else {
        out.attribute(Tag(keys[slot], values[slot][index]), field: field)
        continue
      }
      let range = Self.range(of: entry(slot, index), in: entryProtoEnds)
      let valueBytes = UInt64(range.count)
      out.tag(field, .lengthDelimited)
      out.varint(UInt64(keysProto[slot].count + 1 + Varint.byteCount(valueBytes)) + valueBytes)
      out.bytes.append(contentsOf: keysProto[slot])
      out.tag(2, .lengthDelimited)
      out.varint(valueBytes)
      out.bytes.append(contentsOf: entriesProto[range])
    }
  }

  /// The next record's attributes.
  mutating func next() -> [Tag] {
    defer { nextRecord += 1 }
    return shapes[recordShapes[nextRecord]].map { slot in
      defer { nextValue[slot] += 1 }
      let index = nextValue[slot]
      return Tag(keys[slot], isStringSlot[slot] ? .string(dictionaries[entry(slot, index)]) : values[slot][index])
    }
  }
}
