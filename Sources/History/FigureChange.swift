import Reports
import TraceJSON

/// One figure that differs between the committed report and the regenerated one.
public struct FigureChange: Sendable, Equatable, CustomStringConvertible {
  public var path: FigurePath
  /// The committed value; nil when the regenerated report adds the figure.
  public var oldValue: FigureValue?
  /// The regenerated value; nil when the regenerated report no longer has the figure.
  public var newValue: FigureValue?

  public init(path: FigurePath, oldValue: FigureValue?, newValue: FigureValue?) {
    self.path = path
    self.oldValue = oldValue
    self.newValue = newValue
  }

  /// (new − old) ÷ |old| for two numbers; nil when either is not a number or old is zero.
  public var relativeChange: Double? {
    guard let old = oldValue?.number, let new = newValue?.number, old != 0 else { return nil }
    return (new - old) / abs(old)
  }

  /// `raw bytes 131,204 → 133,016 (+1.4%)`, `added: zstd-22 bytes 14,000`,
  /// `topology digest 0a1b… → 2c3d…`.
  public var description: String {
    let name = path.readableName
    switch (oldValue, newValue) {
    case (let old?, let new?):
      let percent = relativeChange.map { " (\(NumberText.signedPercent($0)))" } ?? ""
      return "\(name) \(old) → \(new)\(percent)"
    case (nil, let new?):
      return "added: \(name) \(new)"
    case (let old?, nil):
      return "removed: \(name) \(old)"
    case (nil, nil):
      return "\(name) unchanged"
    }
  }

  /// Every figure that differs, in the regenerated report's order, then the removed ones in the
  /// committed report's order.
  static func changes(from committed: ReportFigures, to regenerated: ReportFigures)
    -> [FigureChange]
  {
    var changes: [FigureChange] = []
    for path in regenerated.paths where committed[path] != regenerated[path] {
      changes.append(
        FigureChange(path: path, oldValue: committed[path], newValue: regenerated[path]))
    }
    for path in committed.paths where regenerated[path] == nil {
      changes.append(FigureChange(path: path, oldValue: committed[path], newValue: nil))
    }
    return changes
  }
}
