import TraceJSON

/// A distinct count that merges: the values themselves while there are few, a `HyperLogLog`
/// sketch once there are more than `exactLimit`.
///
/// A shard's count is exact where its dictionaries held every value to the end (services,
/// operations, a tag key's values within one block); a tag key's values over several blocks are
/// exact up to `exactLimit` and an estimate past it (`BlockValueDictionaries`). The union
/// of shards is exact while every part still has its values, and an estimate once one part is a
/// sketch, which `isEstimate` tells the report so it labels the figure as one.
public struct DistinctValues: Sendable, Equatable, Codable {
  /// Values kept as a set, at most: 1,024 short strings cost a few tens of KB of JSON, where the
  /// sketch costs 8 KB whatever the count.
  static let exactLimit = 1_024

  /// The values, sorted, while there are at most `exactLimit`.
  private var members: [String]?
  /// Set once the values are too many to keep.
  private var sketch: HyperLogLog?
  /// The count, when it is known exactly.
  private var exactCount: Int?

  /// The distinct values of one shard; `count` when the shard counted them its own way (traces:
  /// the assembler's count).
  init(_ values: some Collection<String>, count: Int? = nil) {
    let unique = Set(values)
    exactCount = count ?? unique.count
    if unique.count <= Self.exactLimit {
      members = unique.sorted()
    } else {
      var sketch = HyperLogLog()
      for value in unique { sketch.add(value) }
      self.sketch = sketch
    }
  }

  /// A value by its 64-bit hash (`HyperLogLog.hash`) in hex, for values too long to keep as text.
  static func identity(hash: UInt64) -> String { Hex.encode(hash) }

  /// The count: exact, or the sketch's estimate.
  public var count: Int { exactCount ?? sketch?.estimate ?? 0 }

  /// Whether `count` is a HyperLogLog estimate.
  public var isEstimate: Bool { exactCount == nil }

  /// The union with `other`'s values.
  mutating func merge(_ other: DistinctValues) {
    if let mine = members, let theirs = other.members {
      self = DistinctValues(Set(mine).union(theirs))
      return
    }
    var union = sketchOrMembers
    union.merge(other.sketchOrMembers)
    self.members = nil
    sketch = union
    exactCount = nil
  }

  private var sketchOrMembers: HyperLogLog {
    if let sketch { return sketch }
    var sketch = HyperLogLog()
    for value in members ?? [] { sketch.add(value) }
    return sketch
  }

  /// Distinct values seen one at a time, in memory bounded by `exactLimit` values and a sketch.
  struct Builder {
    private var values = Set<String>()
    private var sketch: HyperLogLog?

    mutating func add(_ value: String) {
      if sketch != nil {
        sketch!.add(value)
        return
      }
      values.insert(value)
      if values.count > DistinctValues.exactLimit {
        var sketch = HyperLogLog()
        for value in values { sketch.add(value) }
        self.sketch = sketch
        values = []
      }
    }

    /// The values seen; `count` is the shard's exact count of them, when it has one: without,
    /// more values than the set keeps are an estimate.
    func finish(count: Int?) -> DistinctValues {
      guard let sketch else { return DistinctValues(values, count: count) }
      var result = DistinctValues([], count: count)
      result.members = nil
      result.sketch = sketch
      result.exactCount = count
      return result
    }
  }
}
