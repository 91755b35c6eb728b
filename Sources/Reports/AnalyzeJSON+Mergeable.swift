import Foundation
import Runner

/// The analyze JSON's `mergeable` section: the whole result in the form that merges (sums,
/// histograms as counts, distinct values as sets or sketches, entropies as symbol counts), which
/// `harness merge` reads back to write the report of several shards together.
///
/// Versioned on its own: the report's figures above it may gain fields, but a change to what this
/// section holds or means raises `currentVersion`, and `merge` refuses sections of another.
struct MergeableJSON: Codable, Equatable {
  /// 2: the options hold the OTLP protobuf levels apart from the file's.
  static let currentVersion = 2

  var version = Self.currentVersion
  var result: AnalyzeResult
}

extension AnalyzeJSON {
  /// The result stored in the analyze JSON `data`, read from file `name`; throws a `MergeError`
  /// naming it for anything but the mergeable section of this version.
  public static func mergeableResult(_ data: Data, name: String) throws -> AnalyzeResult {
    guard let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw MergeError(file: name, problem: "is not a JSON object, so not the .json of `harness analyze`")
    }
    guard let section = document["mergeable"] as? [String: Any] else {
      let isAnalyze = document["source"] != nil && document["reader"] != nil
      throw MergeError(
        file: name,
        problem: isAnalyze
          ? "was written by `harness analyze` before results merged (it has no mergeable section); analyze its input again"
          : "is not the .json of `harness analyze` (it has no mergeable section)")
    }
    guard section["version"] as? Int == MergeableJSON.currentVersion else {
      throw MergeError(
        file: name,
        problem: "has a mergeable section of version \(section["version"].map { "\($0)" } ?? "none"); "
          + "this harness reads version \(MergeableJSON.currentVersion): analyze its input again")
    }
    do {
      return try JSONDecoder().decode(AnalyzeJSON.self, from: data).mergeable.result
    } catch let error as DecodingError {
      throw MergeError(file: name, problem: "has a damaged mergeable section (\(Self.describe(error)))")
    }
  }

  private static func describe(_ error: DecodingError) -> String {
    switch error {
    case .keyNotFound(let key, let context):
      "no \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      "at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
    @unknown default: "\(error)"
    }
  }
}
