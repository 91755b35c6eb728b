/// Values of one column stored group after group — the start offsets and durations of a block,
/// operation by operation — handed out again in span order.
///
/// Spans of one operation take similar times, so runs of them compress better than the same
/// values interleaved (measured on the real sample: durations −5.5%, start offsets −1.2%).
struct GroupedValuesWriter {
  private var groups: [ColumnBuffer] = []

  mutating func append(_ value: UInt64, group: Int) {
    while groups.count <= group { groups.append(ColumnBuffer()) }
    groups[group].varint(value)
  }

  var bytes: [UInt8] { groups.flatMap(\.bytes) }
}

/// Reads what `GroupedValuesWriter` wrote, given how many values each group has.
struct GroupedValuesReader {
  private var values: [[UInt64]]
  private var next: [Int]

  init(_ reader: ColumnReader, counts: [Int]) throws {
    var reader = reader
    values = []
    for count in counts {
      guard count <= reader.remaining else { throw reader.failure("\(count) values expected") }
      values.append(try (0..<count).map { _ in try reader.varint() })
    }
    try reader.expectEnd()
    next = [Int](repeating: 0, count: counts.count)
  }

  /// The next value of `group`; the counts it was built with say how many there are.
  mutating func next(group: Int) -> UInt64 {
    defer { next[group] += 1 }
    return values[group][next[group]]
  }
}
