import Codecs
import Measurement
import OutputFiles
import TraceFormats
import TraceGeneration
import TraceModel

/// The encoding of the dataset file the harness writes.
public enum DatasetFormat: String, Sendable, CaseIterable, Codable {
  /// The seed's data model, one compact JSON span per line.
  case jsonl
  /// OTLP/JSON `ExportTraceServiceRequest`s, one per line, as a Collector file receiver reads them.
  case otlp
  /// OTLP protobuf, length-prefixed `TracesData` records as the Collector's file exporter writes them.
  case otlpProto = "otlp-proto"

  /// `traces_<label>.jsonl`, `traces_<label>.otlp.jsonl` or `traces_<label>.otlp.pb`.
  public func fileName(label: String) -> String {
    switch self {
    case .jsonl: "traces_\(label).jsonl"
    case .otlp: "traces_\(label).otlp.jsonl"
    case .otlpProto: "traces_\(label).otlp.pb"
    }
  }
}
