import Reports
import TraceJSON

/// A report JSON document flattened to its leaves, each under a `FigurePath`, in document order.
///
/// Flattening makes two versions of a report comparable figure by figure whatever fields either
/// of them has; nulls count as absent.
struct ReportFigures: Sendable, Equatable {
  private(set) var paths: [FigurePath] = []
  private(set) var values: [FigurePath: FigureValue] = [:]

  /// Parses and flattens `json`, which must be a JSON object.
  init(parsing json: String) throws(UnreadableReport) {
    let document = try JSONValue.parseReport(json)
    guard case .object(var members) = document else {
      throw UnreadableReport(reason: "not a JSON object")
    }
    // The analyze JSON's state for `harness merge` holds the same figures in another form: left
    // out, so a moved figure is named once; a change to it alone still shows as a text difference.
    members.removeAll { $0.key == "mergeable" }
    add(.object(members), at: [])
  }

  subscript(path: FigurePath) -> FigureValue? { values[path] }

  private mutating func add(_ value: JSONValue, at path: [FigurePath.Component]) {
    switch value {
    case .null:
      break
    case .bool(let flag):
      record(.flag(flag), at: path)
    case .int(let number):
      record(.number(Double(number)), at: path)
    case .double(let number):
      record(.number(number), at: path)
    case .string(let text):
      record(.text(text), at: path)
    case .object(let members):
      for member in members.sorted(by: { $0.key < $1.key }) {
        add(member.value, at: path + [.member(member.key)])
      }
    case .array(let elements):
      var seen: [String: Int] = [:]
      for (position, element) in elements.enumerated() {
        let (identity, identityKeys) = Self.identity(of: element, position: position)
        seen[identity, default: 0] += 1
        let unique = seen[identity]! == 1 ? identity : "\(identity) #\(seen[identity]!)"
        if case .object(var members) = element {
          members.removeAll { identityKeys.contains($0.key) }
          add(.object(members), at: path + [.element(unique)])
        } else {
          add(element, at: path + [.element(unique)])
        }
      }
    }
  }

  private mutating func record(_ value: FigureValue, at components: [FigurePath.Component]) {
    let path = FigurePath(components)
    if values.updateValue(value, forKey: path) == nil { paths.append(path) }
  }

  /// The natural name of an array element and the members that make it up (and so are not
  /// figures of their own): `codec-level` for baseline rows, `name` for potentials, `step` for
  /// waterfall steps, else the 1-based position.
  private static func identity(of element: JSONValue, position: Int) -> (String, [String]) {
    if let codec = element["codec"]?.text, let level = element["level"]?.number {
      let levelText = Int(exactly: level).map(String.init) ?? String(level)
      return ("\(codec)-\(levelText)", ["codec", "level"])
    }
    for key in ["name", "step"] {
      if let name = element[key]?.text { return (name, [key]) }
    }
    return ("#\(position + 1)", [])
  }
}
