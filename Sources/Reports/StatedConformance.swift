import Codecs
import Measurement
import Runner
import TraceFormats
import TraceGeneration
import TraceJSON
import TraceModel

/// The seed-conformance table: every stated figure beside the measured value, met or not.
public struct StatedConformance: Sendable, Equatable {
  public var rows: [Row]

  /// One stated figure against the dataset.
  public struct Row: Sendable, Equatable {
    public var figure: String
    public var stated: String
    public var measured: String
    public var meets: Bool
    public var note: String?
  }

  /// Checks `metadata` against each stated figure; an unknown figure id is reported as not met.
  public init(stated: StatedFigures, metadata: DatasetMetadata) {
    let scale = Double(metadata.traces) / 100
    rows = stated.figures.map { figure in
      let scaled = figure.perHundredTraces == true
      let low = scaled ? figure.min * scale : figure.min
      let high = scaled ? figure.max * scale : figure.max
      let statedText = scaled && metadata.traces != 100
        ? "\(figure.stated) per 100 traces → \(NumberText.grouped(low))–\(NumberText.grouped(high))"
        : figure.stated
      let (measured, meets) = Self.measure(figure.id, low: low, high: high, metadata)
      return Row(
        figure: figure.figure, stated: statedText, measured: measured, meets: meets,
        note: figure.note)
    }
  }

  private static func measure(_ id: String, low: Double, high: Double, _ data: DatasetMetadata)
    -> (String, Bool)
  {
    func within(_ value: Double) -> Bool { value >= low && value <= high }
    switch id {
    case "services": return ("\(data.services)", within(Double(data.services)))
    case "operations": return ("\(data.operations)", within(Double(data.operations)))
    case "spansPerTrace":
      return (NumberText.fixed(data.averageSpansPerTrace, 2), within(data.averageSpansPerTrace))
    case "totalSpans": return (NumberText.grouped(Double(data.spans)), within(Double(data.spans)))
    case "depth":
      return (
        "\(data.minDepth)–\(data.maxDepth)",
        within(Double(data.minDepth)) && within(Double(data.maxDepth))
      )
    case "spansRange":
      return (
        "\(data.minSpansPerTrace)–\(data.maxSpansPerTrace)",
        within(Double(data.minSpansPerTrace)) && within(Double(data.maxSpansPerTrace))
      )
    case "rawBytes":
      return ("\(NumberText.grouped(Double(data.rawBytes))) bytes", within(Double(data.rawBytes)))
    case "errorRate.others":
      let others = data.servicesByName.filter {
        $0.key != "bank-api" && $0.key != "payment-service"
      }
      let intervals = others.values.map {
        WilsonInterval(successes: $0.intrinsicErrors, trials: $0.spans)
      }
      let lowest = others.values.map(\.intrinsicErrorRate).min() ?? 0
      let highest = others.values.map(\.intrinsicErrorRate).max() ?? 0
      return (
        "\(NumberText.percent(lowest))–\(NumberText.percent(highest)) over \(others.count) services",
        intervals.allSatisfy { $0.upper >= low && $0.lower <= high }
      )
    case let id where id.hasPrefix("errorRate."):
      let name = String(id.dropFirst("errorRate.".count))
      guard let service = data.servicesByName[name] else { return ("not generated", false) }
      let interval = WilsonInterval(successes: service.intrinsicErrors, trials: service.spans)
      return (
        "\(NumberText.percent(service.intrinsicErrorRate)) of \(service.spans) spans "
          + "(95%: \(NumberText.percent(interval.lower))–\(NumberText.percent(interval.upper)))",
        interval.upper >= low && interval.lower <= high
      )
    case let id where id.hasPrefix("latency."):
      let kind = String(id.dropFirst("latency.".count))
      let means = data.servicesByName.values.filter { $0.kind == kind }.map(\.meanSelfMillis)
      guard let lowest = means.min(), let highest = means.max() else {
        return ("no \(kind) spans", false)
      }
      return (
        "\(NumberText.fixed(lowest, 1))–\(NumberText.fixed(highest, 1)) ms",
        within(lowest) && within(highest)
      )
    default:
      return ("unknown figure id '\(id)'", false)
    }
  }
}

/// The Wilson score interval at 95% for a binomial proportion: honest about small samples, where
/// a service seen 7 times cannot show an 8% rate.
public struct WilsonInterval: Sendable, Equatable {
  public var lower: Double
  public var upper: Double

  public init(successes: Int, trials: Int) {
    guard trials > 0 else {
      lower = 0
      upper = 1
      return
    }
    let z = 1.959963984540054
    let n = Double(trials)
    let p = Double(successes) / n
    let denominator = 1 + z * z / n
    let centre = (p + z * z / (2 * n)) / denominator
    let margin = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / denominator
    lower = max(0, centre - margin)
    upper = min(1, centre + margin)
  }
}
