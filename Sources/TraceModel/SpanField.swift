/// The parts of a span's JSON line, used to attribute every byte of the raw file to one field.
///
/// A field owns its key, quotes, colon, value and the comma after it; `structure` owns the braces and
/// the newline. The parts of a line therefore add up to the line, and of a file to the file.
public enum SpanField: Int, Sendable, CaseIterable, Codable {
  case traceID, spanID, parentSpanID, serviceName, operationName, startTime, endTime, tags, logs,
    statusCode, structure

  /// The key as the seed's data model writes it.
  var jsonKey: String {
    switch self {
    case .traceID: "trace_id"
    case .spanID: "span_id"
    case .parentSpanID: "parent_span_id"
    case .serviceName: "service_name"
    case .operationName: "operation_name"
    case .startTime: "start_time"
    case .endTime: "end_time"
    case .tags: "tags"
    case .logs: "logs"
    case .statusCode: "status_code"
    case .structure: "{}\\n"
    }
  }
}

/// Bytes per `SpanField`, for one line or summed over a file.
///
/// Stored inline, one lane per field (the lanes past the last field stay 0): every span carries one
/// of these, and an array would cost a heap allocation per span.
public struct FieldBytes: Sendable, Equatable, Codable {
  private var counts = SIMD16<Int>()

  public init() {}

  public subscript(field: SpanField) -> Int {
    get { counts[field.rawValue] }
    set { counts[field.rawValue] = newValue }
  }

  var total: Int { counts.wrappedSum() }

  public static func += (lhs: inout FieldBytes, rhs: FieldBytes) {
    lhs.counts &+= rhs.counts
  }
}
