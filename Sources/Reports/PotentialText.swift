import Measurement
import TraceModel

/// The words and derived figures of each potential: its name, what the dataset shows, and its
/// details. Made here from the numbers the measurement returned, and nowhere else.
enum PotentialText {
  static func name(_ potential: Potential) -> String {
    switch potential {
    case .serviceNames: "service names"
    case .operationNames: "operation names"
    case .traceGrouping: "trace grouping"
    case .parentIndexDeltas: "parent index deltas"
    case .rootRelativeTimestamps: "root-relative timestamps"
    case .spanIDs: "span IDs (ID floor)"
    case .tagsAndLogs: "tags and logs"
    case .statusAndStructure: "status code and line structure"
    }
  }

  /// What this dataset shows, in the terms the seed states its figure in.
  static func measured(_ result: PotentialResult) -> String {
    switch result.figures {
    case let .serviceNames(distinct, spans, _, _):
      "\(count(result, "services", distinct)) unique, \(NumberText.fixed(per(spans, distinct), 1))x reuse"
    case let .operationNames(distinct, _, spans, _, _):
      "\(count(result, "operations", distinct)) unique, \(NumberText.fixed(per(spans, distinct), 1))x reuse"
    case let .traceGrouping(traces, spans, _, _):
      "\(traces) unique across \(spans) spans, \(NumberText.fixed(per(spans, traces), 2)) spans per trace"
    case let .parentIndexDeltas(spans, roots, _, deltas):
      "\(NumberText.percent(per(roots, spans))) roots (-1), "
        + "delta 1 for \(NumberText.percent(per(deltas[1, default: 0], spans)))"
    case let .rootRelativeTimestamps(_, windows):
      "trace windows p50 \(windowMillis(windows, 0.5)) ms, p95 \(windowMillis(windows, 0.95)) ms"
    case let .spanIDs(_, randomBits, allUUIDv4):
      allUUIDv4
        ? "UUIDv4: 122 random bits each, \(NumberText.grouped(bytes(bits: randomBits))) bytes"
        : "not all UUIDv4: floor assumes IDs random over their width (an upper estimate)"
    case let .tagsAndLogs(keys, keyUses, _, _, _):
      "\(keys.count) keys, \(NumberText.fixed(per(keyUses, keys.count), 1))x key reuse"
    case let .statusAndStructure(spans, errors):
      "\(NumberText.percent(per(errors, spans))) errors"
    }
  }

  /// Further figures, as label and value, in display order.
  static func details(_ result: PotentialResult, zstdLevel: Int) -> [(label: String, value: String)] {
    switch result.figures {
    case let .serviceNames(distinct, spans, bitsPerIndex, entropyBits):
      [("distinct services", count(result, "services", distinct)), ("bits per span (packed index)", "\(bitsPerIndex)"),
       ("entropy, bits per span", NumberText.fixed(per(entropyBits, spans), 3))]
    case let .operationNames(distinct, pairs, spans, globalBits, givenServiceBits):
      [("distinct operation names", count(result, "operations", distinct)),
       ("distinct (service, operation) pairs", count(result, "pairs", pairs)),
       ("global dictionary entropy, bits per span", NumberText.fixed(per(globalBits, spans), 3)),
       ("given the service, bits per span", NumberText.fixed(per(givenServiceBits, spans), 3))]
    case let .traceGrouping(_, spans, spansPerTrace, groupedZstdBytes):
      [("spans per trace (traces)", histogram(spansPerTrace)),
       ("trace_id as written, bytes per span", NumberText.fixed(per(result.rawBytes, spans), 1)),
       ("zstd-\(zstdLevel) of the same lines grouped by trace, bytes", NumberText.grouped(groupedZstdBytes))]
    case let .parentIndexDeltas(_, roots, orphans, deltas):
      [("roots", NumberText.grouped(roots)), ("orphans (parent not in the data)", NumberText.grouped(orphans)),
       ("index − parent index (spans)", histogram(deltas))]
    case let .rootRelativeTimestamps(spans, windows):
      [("trace window (root duration) p50 / p95 / max, ms",
        "\(windowMillis(windows, 0.5)) / \(windowMillis(windows, 0.95)) / \(windowMillis(windows, 1))"),
       ("absolute decimals as written, bytes per span", NumberText.fixed(per(result.rawBytes, spans), 1)),
       ("encoded, bytes per span", NumberText.fixed(per(result.encodedBytes, spans), 2))]
    case let .spanIDs(spans, randomBits, _):
      [("as written, bytes per span", NumberText.fixed(per(result.rawBytes, spans), 1)),
       ("random bits per span", NumberText.fixed(per(randomBits, spans), 1))]
    case let .tagsAndLogs(keys, _, dictionaryBytes, eventKinds, events):
      [("distinct values per key",
        keys.sorted { ($0.distinct, $1.key) > ($1.distinct, $0.key) }.map {
          "\($0.key) \(count(result, "values", $0.distinct, key: $0.key))"
        }
          .joined(separator: ", ")),
       ("dictionaries, bytes", NumberText.grouped(dictionaryBytes)),
       ("log events", "\(count(result, "events", eventKinds)) kinds, \(NumberText.grouped(events)) events")]
    case .statusAndStructure: []
    }
  }

  /// The window at `fraction` of the traces sorted by window, in ms with one decimal ("–" for none):
  /// the same as sorting every trace's window and indexing it.
  static func windowMillis(_ windows: [Int64: Int], _ fraction: Double) -> String {
    let traces = windows.values.reduce(0, +)
    guard traces > 0 else { return "–" }
    let index = min(traces - 1, Int((Double(traces - 1) * fraction).rounded()))
    var counted = 0
    for tenths in windows.keys.sorted() {
      counted += windows[tenths]!
      if index < counted { return NumberText.fixed(Double(tenths) / 10, 1) }
    }
    return "–"
  }

  /// A distinct count as written so far ("12"), or labelled as the estimate it is once shards
  /// merged past the exact sets.
  private static func count(_ result: PotentialResult, _ name: String, _ value: Int, key: String? = nil) -> String {
    result.state.isEstimate(name, key: key) ? NumberText.distinct(value, estimated: true) : "\(value)"
  }

  private static func histogram(_ counts: [Int: Int]) -> String {
    counts.keys.sorted().map { "\($0): \(counts[$0]!)" }.joined(separator: ", ")
  }

  private static func per(_ numerator: Int, _ denominator: Int) -> Double {
    Double(numerator) / Double(max(denominator, 1))
  }

  private static func per(_ numerator: Double, _ denominator: Int) -> Double {
    numerator / Double(max(denominator, 1))
  }

  private static func bytes(bits: Int) -> Int { Int((Double(bits) / 8).rounded(.up)) }
}
