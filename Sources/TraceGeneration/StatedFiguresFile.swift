import Foundation

/// Reads the stated-figures file (`experiments/phase0/seed-figures.json`) and checks what its
/// decoder cannot: each figure's range is a range and each figure is stated once.
///
/// Lives beside the topology loader because both read the experiment's data files with the same
/// errors; `StatedFigures.load` (Reports) decodes the bytes this returns. A figure whose min
/// exceeds its max would fail every run's conformance table, and a figure stated twice would be
/// checked against whichever entry came first, so both are refused naming the entry.
public enum StatedFiguresFile {
  private struct Entries: Decodable {
    var figures: [Entry]
  }

  private struct Entry: Decodable {
    var id: String
    var min: Double
    var max: Double
  }

  /// The file's bytes, once they have passed the checks; errors name the file and the entry.
  public static func read(from url: URL) throws -> Data {
    let file = url.path
    let data = try ExperimentFile.read(url)
    let entries: Entries
    do {
      entries = try JSONDecoder().decode(Entries.self, from: data)
    } catch {
      throw TopologyError(file: file, entry: "figures", problem: Self.describe(error))
    }
    try check(entries.figures.map { ($0.id, $0.min, $0.max) }, file: file)
    return data
  }

  /// Refuses a figure with min > max (or a bound that is not a number) and an id stated twice.
  public static func check(_ figures: [(id: String, min: Double, max: Double)], file: String) throws {
    var firstIndex: [String: Int] = [:]
    for (index, figure) in figures.enumerated() {
      let entry = "figures[\(index)] '\(figure.id)'"
      if let earlier = firstIndex[figure.id] {
        throw TopologyError(file: file, entry: entry, problem: "is stated twice (first as figures[\(earlier)])")
      }
      firstIndex[figure.id] = index
      guard figure.min <= figure.max else {
        throw TopologyError(
          file: file, entry: entry, problem: "min \(figure.min) is greater than max \(figure.max)")
      }
    }
  }

  /// A decoding error as "figures[3].max: missing" rather than Foundation's dump.
  static func describe(_ error: any Error) -> String {
    func path(_ codingPath: [any CodingKey]) -> String {
      codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    switch error {
    case DecodingError.keyNotFound(let key, let context):
      return "missing key '\(key.stringValue)' at \(path(context.codingPath).isEmpty ? "top level" : path(context.codingPath))"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "\(path(context.codingPath)): \(context.debugDescription)"
    case DecodingError.dataCorrupted(let context):
      let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey]
      return (underlying as? String) ?? context.debugDescription
    default:
      return "\(error)"
    }
  }
}
