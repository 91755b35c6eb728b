/// What a potential keeps beside its figures so that two shards' results merge into the result of
/// both: the figures that are not sums (distinct counts, entropies), in mergeable form, by name.
///
/// Sums (bytes, spans, histograms) merge from the figures themselves; this holds the rest. Each
/// potential's `finish` names its entries and `PotentialResult.merge` reads them back; keyed
/// lists keep their keys in order of first appearance, shard by shard, as the dictionaries do.
public struct PotentialState: Sendable, Equatable, Codable {
  var distinct: [String: DistinctValues] = [:]
  var distinctByKey: [String: [Keyed<DistinctValues>]] = [:]
  var entropy: [String: EntropyTally] = [:]
  var entropyByKey: [String: [Keyed<EntropyTally>]] = [:]
  /// Exact integer figures not shown as figures of their own (random bits of the trace IDs).
  var sums: [String: Int] = [:]

  /// A value under a key, in a list that keeps the keys' order.
  struct Keyed<Value: Sendable & Equatable & Codable>: Sendable, Equatable, Codable {
    var key: String
    var value: Value
  }

  /// Whether a distinct count is a HyperLogLog estimate: `name`, or `name` under `key`.
  public func isEstimate(_ name: String, key: String? = nil) -> Bool {
    guard let key else { return distinct[name]?.isEstimate ?? false }
    return distinctByKey[name]?.first { $0.key == key }?.value.isEstimate ?? false
  }

  /// Whether any entropy here is summed over shards rather than taken over merged counts.
  public var entropySummedOverShards: Bool {
    entropy.values.contains(where: \.summedOverShards)
      || entropyByKey.values.contains { $0.contains(where: \.value.summedOverShards) }
  }

  mutating func merge(_ other: PotentialState) {
    distinct.merge(other.distinct) { var a = $0; a.merge($1); return a }
    entropy.merge(other.entropy) { var a = $0; a.merge($1); return a }
    for (name, list) in other.distinctByKey { distinctByKey[name] = Self.merged(distinctByKey[name] ?? [], list) { $0.merge($1) } }
    for (name, list) in other.entropyByKey { entropyByKey[name] = Self.merged(entropyByKey[name] ?? [], list) { $0.merge($1) } }
    sums.merge(other.sums, uniquingKeysWith: +)
  }

  /// `first`'s keys in their order, then `second`'s new ones; a key in both merged.
  private static func merged<Value>(
    _ first: [Keyed<Value>], _ second: [Keyed<Value>], _ merge: (inout Value, Value) -> Void
  ) -> [Keyed<Value>] {
    var result = first
    var position = Dictionary(uniqueKeysWithValues: first.enumerated().map { ($1.key, $0) })
    for entry in second {
      if let index = position[entry.key] {
        merge(&result[index].value, entry.value)
      } else {
        position[entry.key] = result.count
        result.append(entry)
      }
    }
    return result
  }

  /// The bits of the entropies under `name`, summed in key order.
  func entropyBits(byKey name: String) -> Double {
    (entropyByKey[name] ?? []).reduce(0) { $0 + $1.value.bits }
  }
}
