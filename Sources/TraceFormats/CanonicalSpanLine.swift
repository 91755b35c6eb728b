import Foundation
import TraceJSON
import TraceModel

/// A jsonl line read straight to its `Span` when it is byte for byte what `SpanJSONWriter` writes
/// for that span: the harness's own output, read back without a `JSONValue` tree or a re-write.
///
/// Analysing generated or converted data means reading our own lines, and the tree, the decoder
/// and the re-write were two thirds of that cost. Any other line (keys in another order,
/// whitespace, escapes, doubles, `-0`, a repeated key, a time the decoder would refuse) gives nil
/// and takes the general path, which decides everything, errors included, as before. So this path
/// only has to be right when it says yes, and that is what its tests hold it to against the
/// general path: the same span, no summary effect beyond one document and one span, and the line
/// itself as the re-write, with the same bytes per field.
enum CanonicalSpanLine {
  /// The span of `line` (without its line end) and the bytes each field takes in it once a newline
  /// is added, or nil. `checksMagnitude` is the jsonl rule that times must read as nanoseconds,
  /// off when the user gave the unit. `strings` hands back the strings of lines read before.
  static func read(_ line: UnsafeBufferPointer<UInt8>, checksMagnitude: Bool, strings: inout RecentStrings)
    -> (span: Span, fieldBytes: FieldBytes)?
  {
    var parser = JSONParser(line)
    var fields = FieldBytes()
    var mark = 0
    func close(_ field: SpanField, _ parser: JSONParser) {
      fields[field] = parser.position - mark
      mark = parser.position
    }
    guard parser.skip("{") else { return nil }
    close(.structure, parser)
    guard parser.skip("\"trace_id\":"), let traceID = string(&parser, &strings), parser.skip(",") else { return nil }
    close(.traceID, parser)
    guard parser.skip("\"span_id\":"), let spanID = string(&parser, &strings), parser.skip(",") else { return nil }
    close(.spanID, parser)
    guard parser.skip("\"parent_span_id\":") else { return nil }
    var parentSpanID: String?
    if !parser.skip("null") {
      guard let parent = string(&parser, &strings) else { return nil }
      parentSpanID = parent
    }
    guard parser.skip(",") else { return nil }
    close(.parentSpanID, parser)
    guard parser.skip("\"service_name\":"), let service = string(&parser, &strings), parser.skip(",") else { return nil }
    close(.serviceName, parser)
    guard parser.skip("\"operation_name\":"), let operation = string(&parser, &strings), parser.skip(",")
    else { return nil }
    close(.operationName, parser)
    guard parser.skip("\"start_time\":"), let start = integer(&parser), start >= 0, parser.skip(",")
    else { return nil }
    close(.startTime, parser)
    guard parser.skip("\"end_time\":"), let end = integer(&parser), end >= start, parser.skip(",")
    else { return nil }
    close(.endTime, parser)
    if checksMagnitude, (try? TimestampUnit.nanoseconds.checkMagnitude(start, field: "start_time")) == nil {
      return nil
    }
    guard parser.skip("\"tags\":{"), let tags = members(&parser, closing: "},", reserved: [], room: 8, &strings) else { return nil }
    close(.tags, parser)
    guard parser.skip("\"logs\":["), let logs = logs(&parser, &strings), parser.skip(",") else { return nil }
    close(.logs, parser)
    guard parser.skip("\"status_code\":") else { return nil }
    let status = parser.skip("0") ? 0 : parser.skip("1") ? 1 : -1
    guard status >= 0 else { return nil }
    close(.statusCode, parser)
    guard parser.skip("}"), parser.position == line.count else { return nil }
    fields[.structure] += 2
    let span = Span(
      traceID: traceID, spanID: spanID, parentSpanID: parentSpanID, serviceName: service,
      operationName: operation, startTimeNanos: start, endTimeNanos: end, tags: tags, logs: logs,
      statusCode: status)
    return (span, fields)
  }

  /// A string without escapes, which the writer writes back as it stands.
  private static func string(_ parser: inout JSONParser, _ strings: inout RecentStrings) -> String? {
    parser.unescapedString().map { strings.string($0) }
  }

  /// An integer as the writer writes it: not `-0`, not a double.
  private static func integer(_ parser: inout JSONParser) -> Int64? {
    let start = parser.position
    guard start < parser.bytes.count,
      parser.bytes[start] == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(parser.bytes[start]),
      case .int(let number)? = try? parser.parseNumber(),
      number != 0 || parser.bytes[start] != UInt8(ascii: "-")
    else { return nil }
    return number
  }

  /// `"key":value` members up to `closing`, values strings, integers or booleans, keys unique
  /// and none of `reserved`; none at all only if `allowingNone`. `room` is how many to make room
  /// for at once: a span's tags, grown from one, were allocated several times over.
  private static func members(
    _ parser: inout JSONParser, closing: StaticString, reserved: [String], allowingNone: Bool = true,
    room: Int, _ strings: inout RecentStrings
  ) -> [Tag]? {
    var tags: [Tag] = []
    if allowingNone, parser.skip(closing) { return tags }
    tags.reserveCapacity(room)
    repeat {
      guard let key = string(&parser, &strings), parser.skip(":"), !reserved.contains(key),
        !tags.contains(where: { $0.key == key }), parser.position < parser.bytes.count
      else { return nil }
      let value: TagValue
      switch parser.bytes[parser.position] {
      case UInt8(ascii: "\""):
        guard let text = string(&parser, &strings) else { return nil }
        value = .string(text)
      case UInt8(ascii: "t"):
        guard parser.skip("true") else { return nil }
        value = .bool(true)
      case UInt8(ascii: "f"):
        guard parser.skip("false") else { return nil }
        value = .bool(false)
      default:
        guard let number = integer(&parser) else { return nil }
        value = .int(number)
      }
      tags.append(Tag(key, value))
    } while parser.skip(",")
    return parser.skip(closing) ? tags : nil
  }

  /// The objects of the `logs` array and its closing bracket: `timestamp`, `event`, then fields.
  private static func logs(_ parser: inout JSONParser, _ strings: inout RecentStrings) -> [LogEvent]? {
    var logs: [LogEvent] = []
    if parser.skip("]") { return logs }
    repeat {
      guard parser.skip("{\"timestamp\":"), let timestamp = integer(&parser), timestamp >= 0,
        parser.skip(",\"event\":"), let event = string(&parser, &strings)
      else { return nil }
      var fields: [Tag] = []
      if !parser.skip("}") {
        guard parser.skip(","),
          let members = members(&parser, closing: "}", reserved: ["timestamp", "event"], allowingNone: false, room: 1, &strings)
        else { return nil }
        fields = members
      }
      logs.append(LogEvent(timestampNanos: timestamp, event: event, fields: fields))
    } while parser.skip(",")
    return parser.skip("]") ? logs : nil
  }
}

/// The strings a chunk's lines repeat, made once: tag keys and values, names, and ids that recur
/// (a trace's id on each of its spans, a parent's id on its children), so that most strings of a
/// line cost a lookup where each was an allocation, and its free on the thread that drops the span.
///
/// A direct-mapped table, each slot the last string whose bytes hashed to it: a miss only makes
/// the string as before, so the table needs no eviction rule and holds `slotCount` strings at most.
struct RecentStrings {
  private var slots: [String?]
  private let slotShift: UInt64

  /// `slotCount` is rounded up to a power of two.
  init(slotCount: Int = 1024) {
    let bits = max(0, Int.bitWidth - (max(1, slotCount) - 1).leadingZeroBitCount)
    slots = Array(repeating: nil, count: 1 << bits)
    slotShift = UInt64(64 - bits)
  }

  /// The string of the UTF-8 `bytes`, which the caller has validated.
  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let slot = slot(bytes)
    if let cached = slots[slot],
      cached.utf8.withContiguousStorageIfAvailable({
        $0.count == bytes.count && (bytes.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
      }) == true
    {
      return cached
    }
    let text = String(decoding: bytes, as: UTF8.self)
    slots[slot] = text
    return text
  }

  /// The slot of `bytes`: their length and first and last eight bytes, mixed by multiplying.
  private func slot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard slotShift < 64 else { return 0 }
    var head: UInt64 = 0
    var tail: UInt64 = 0
    if bytes.count >= 8 {
      let raw = UnsafeRawPointer(bytes.baseAddress!)
      head = raw.loadUnaligned(as: UInt64.self)
      tail = raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
    } else {
      for byte in bytes { head = head << 8 | UInt64(byte) }
    }
    let mixed = (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(bytes.count)
    return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> slotShift)
  }
}
