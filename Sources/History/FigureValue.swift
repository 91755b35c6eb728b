import Reports
import TraceJSON

/// One leaf of a report: a number, a text such as a digest, or a flag such as `lossless`.
public enum FigureValue: Sendable, Hashable, CustomStringConvertible {
  case number(Double)
  case text(String)
  case flag(Bool)

  /// The value when it is a number, so relative changes are computed only between numbers.
  public var number: Double? {
    if case .number(let value) = self { value } else { nil }
  }

  public var description: String {
    switch self {
    case .number(let value): NumberText.number(value)
    case .text(let value): value
    case .flag(let value): String(value)
    }
  }
}
