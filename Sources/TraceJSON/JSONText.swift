import Foundation

/// Deterministic JSON for files the repository tracks or compares: sorted keys, pretty-printed,
/// a trailing newline.
public enum JSONText {
  public static func encode<Value: Encodable>(_ value: Value) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
  }
}
