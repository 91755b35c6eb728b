import Reports
import TraceJSON

/// Where a figure sits in a report, e.g. `baseline.zstd-19.bytes`.
///
/// Array elements are named by what they are (`zstd-19`, `"service names"`), not by position, so
/// adding a codec level or a potential reports one added figure instead of shifting every row
/// after it.
public struct FigurePath: Sendable, Hashable, CustomStringConvertible {
  /// One step down the document.
  public enum Component: Sendable, Hashable {
    /// An object member, by key.
    case member(String)
    /// An array element, by its identity (`codec-level`, `name`, `step`, or `#position`).
    case element(String)

    /// The key or identity, as it appears in the dotted key path.
    var name: String {
      switch self {
      case .member(let name), .element(let name): name
      }
    }
  }

  var components: [Component]

  public init(_ components: [Component]) {
    self.components = components
  }

  /// The dotted key path: `dataset.rawBytes`, `baseline.zstd-19.bytes`.
  var keyPath: String { components.map(\.name).joined(separator: ".") }

  public var description: String { keyPath }

  /// The name a person reads in a drift message: `raw bytes`, `zstd-19 bytes`,
  /// `potential "service names" encodedZstdBytes`.
  ///
  /// Sections the report is known to have get a short form; anything else (a field a later
  /// version adds) falls back to the key path, which is always unambiguous.
  var readableName: String {
    guard case .member(let section)? = components.first else { return keyPath }
    let rest = components.dropFirst()
    let humanizedRest = rest.map { Self.humanized($0.name) }.joined(separator: " ")
    switch (section, rest.first) {
    case ("dataset", _) where !rest.isEmpty:
      return humanizedRest
    case ("summary", _) where !rest.isEmpty:
      return "summary " + humanizedRest
    case ("baseline", .element?):
      return humanizedRest
    case ("potentials", .element(let name)?):
      return (["potential \"\(name)\""] + rest.dropFirst().map(\.name)).joined(separator: " ")
    case ("waterfall", .element(let step)?):
      return (["waterfall step \"\(step)\""] + rest.dropFirst().map(\.name))
        .joined(separator: " ")
    default:
      return keyPath
    }
  }

  /// `rawBytes` → `raw bytes`; element identities such as `zstd-19` pass through unchanged.
  static func humanized(_ key: String) -> String {
    var words = ""
    for character in key {
      if character.isUppercase, !words.isEmpty, words.last != " " {
        words.append(" ")
      }
      words.append(contentsOf: character.lowercased())
    }
    return words
  }
}
