import TraceModel

/// A tag's value type, as `ColumnID.tagSlots` stores it.
enum ValueType: UInt8 {
  case string = 0, int = 1, double = 2, bool = 3
  /// Bytes, arrays, kvlists and empty values: rare, and stored whole as `NestedValue` writes them.
  case nested = 4

  init(_ value: TagValue) {
    switch value {
    case .string: self = .string
    case .int: self = .int
    case .double: self = .double
    case .bool: self = .bool
    case .bytes, .array, .kvlist, .empty: self = .nested
    }
  }
}

/// Encodes attribute lists as typed columns, one run of values per key.
///
/// A *slot* is a key with one value type; a *shape* is the list of slots a span's tags have, in
/// their order, so the order of tags is kept without a byte per tag. Each span stores the number of
/// its shape. The values of a slot are stored together, slot after slot in one column per type:
/// strings as numbers into the slot's own dictionary, integers as deltas from the slot's previous
/// value, doubles as their bit patterns, bools as bytes, anything else whole (`NestedValue`).
struct AttributeEncoder {
  /// A slot's identity: the encoder numbers each once, and a decoder refuses a table that repeats one.
  struct SlotKey: Hashable {
    var key: String
    var type: ValueType
  }

  private let set: AttributeSet
  private var slotNumbers: [SlotKey: Int] = [:]
  private var slotTable = ColumnBuffer()
  private var shapeNumbers: [[Int]: Int] = [:]
  private var shapeDictionary = ColumnBuffer()
  private var shapes = ColumnBuffer()
  private var stringDictionaries: [StringDictionary] = []
  private var values: [ColumnBuffer] = []
  private var previousInts: [Int64] = []
  /// Each slot's key, by number, and the previous list's slots and shape number (none before the
  /// first list): the spans of a service mostly have the keys of the span before, in another
  /// order (the real sample's exporter writes a map's keys at random), so a slot is first looked
  /// for among those, a string comparison each instead of a hash of the key (hashing keys, values
  /// and shapes was a tenth of encoding the sample). A miss falls back on the dictionaries, which
  /// give the same numbers.
  private var slotKeys: [SlotKey] = []
  private var previousSlots: [Int] = []
  private var previousShapeNumber: Int?

  init(_ set: AttributeSet) { self.set = set }

  mutating func append(_ attributes: [Tag]) {
    var shape: [Int] = []
    shape.reserveCapacity(attributes.count)
    attributes.withUnsafeBufferPointer { attributes in
      for position in attributes.indices {
        let slot = slotNumber(of: attributes[position], at: position)
        shape.append(slot)
        switch attributes[position].value {
        case .string(let text): values[slot].varint(stringDictionaries[slot].number(of: text))
        case .int(let number):
          values[slot].signed(number &- previousInts[slot])
          previousInts[slot] = number
        case .double(let number): values[slot].fixed64(number.bitPattern)
        case .bool(let flag): values[slot].byte(flag ? 1 : 0)
        case .bytes, .array, .kvlist, .empty: NestedValue.append(attributes[position].value, to: &values[slot])
        }
      }
    }
    if let number = previousShapeNumber, shape == previousSlots { return shapes.varint(number) }
    let number: Int
    if let known = shapeNumbers[shape] {
      number = known
    } else {
      number = shapeNumbers.count
      shapeNumbers[shape] = number
      shapeDictionary.varint(shape.count)
      for slot in shape { shapeDictionary.varint(slot) }
    }
    shapes.varint(number)
    previousSlots = shape
    previousShapeNumber = number
  }

  /// The slot of `attribute`, the one at `position` of its list; the previous list's slots are
  /// tried from the same position on.
  private mutating func slotNumber(of attribute: Tag, at position: Int) -> Int {
    let type = ValueType(attribute.value)
    let count = previousSlots.count
    for step in 0..<count {
      let slot = previousSlots[(position + step) % count]
      if slotKeys[slot].type == type, slotKeys[slot].key == attribute.key { return slot }
    }
    return slotNumber(SlotKey(key: attribute.key, type: type))
  }

  private mutating func slotNumber(_ key: SlotKey) -> Int {
    if let number = slotNumbers[key] { return number }
    let number = slotNumbers.count
    slotNumbers[key] = number
    slotKeys.append(key)
    slotTable.byte(key.type.rawValue)
    slotTable.string(key.key)
    stringDictionaries.append(StringDictionary())
    values.append(ColumnBuffer())
    previousInts.append(0)
    return number
  }

  /// The columns, values concatenated slot after slot in slot order.
  func columns(into block: inout BlockColumns) {
    block.append(.attribute(set, .slots), slotTable.bytes)
    block.append(.attribute(set, .shapeDictionary), shapeDictionary.bytes)
    block.append(.attribute(set, .shapes), shapes.bytes)
    var strings = ColumnBuffer(), dictionaries = ColumnBuffer()
    var ints = ColumnBuffer(), doubles = ColumnBuffer(), bools = ColumnBuffer(), nested = ColumnBuffer()
    for (key, slot) in slotNumbers.sorted(by: { $0.value < $1.value }) {
      switch key.type {
      case .string:
        dictionaries.varint(stringDictionaries[slot].count)
        dictionaries.raw(stringDictionaries[slot].entries.bytes)
        strings.raw(values[slot].bytes)
      case .int: ints.raw(values[slot].bytes)
      case .double: doubles.raw(values[slot].bytes)
      case .bool: bools.raw(values[slot].bytes)
      case .nested: nested.raw(values[slot].bytes)
      }
    }
    block.append(.attribute(set, .stringDictionary), dictionaries.bytes)
    block.append(.attribute(set, .strings), strings.bytes)
    block.append(.attribute(set, .ints), ints.bytes)
    block.append(.attribute(set, .doubles), doubles.bytes)
    block.append(.attribute(set, .bools), bools.bytes)
    block.append(.attribute(set, .nested), nested.bytes)
  }
}
