import Measurement
import TraceFormats

/// Shards' results as one: what `analyze A B` does with its files' results and `harness merge`
/// with the results read back from their JSON files.
extension AnalyzeResult {
  /// The shards as one dataset, in the order given; `name` names a shard in the error thrown
  /// when it was measured with other options than the first.
  public static func merged(_ shards: [(name: String, result: AnalyzeResult)]) throws -> AnalyzeResult {
    guard var merged = shards.first?.result else { throw RunnerError("nothing to merge") }
    for shard in shards.dropFirst() {
      if let difference = shard.result.options.difference(from: merged.options, otherName: shards[0].name) {
        throw MergeError(file: shard.name, problem: "was measured with \(difference)")
      }
      merged.merge(shard.result)
    }
    return merged
  }

  /// Adds `other`, a later shard measured with the same options.
  mutating func merge(_ other: AnalyzeResult) {
    fileNames += other.fileNames
    fileName = fileNames.count == 1 ? fileNames[0] : "\(fileNames[0]) and \(fileNames.count - 1) more"
    read = ReadSummary.dataset([read, other.read])
    fileReads += other.fileReads
    baseline.merge(other.baseline)
    storedBytes += other.storedBytes
    storedCompression = Set(
      (storedCompression + ", " + other.storedCompression).split(separator: ", ").map(String.init)
    ).sorted().joined(separator: ", ")
    protobuf.merge(other.protobuf)
    traceStore.merge(other.traceStore)
    jsonlBytes += other.jsonlBytes
    analysis.merge(other.analysis)
    perSpan.merge(other.perSpan)
  }
}

/// A shard that cannot be merged with the others, named.
public struct MergeError: Error, CustomStringConvertible {
  public var file: String
  public var problem: String

  public init(file: String, problem: String) {
    self.file = file
    self.problem = problem
  }

  public var description: String { "\(file): \(problem)" }
}
