/// The two ways OTLP protobuf is stored, told apart by a file's first bytes.
///
/// - `message`: one `TracesData` / `ExportTraceServiceRequest`. It starts with the tag of
///   `resource_spans` (0x0A), a varint length, and a `ResourceSpans` field tag: resource 0x0A,
///   scope_spans 0x12, schema_url 0x1A or the legacy field 1000's 0xC2 (or the group is empty).
/// - `lengthPrefixed`: records of a 4-byte big-endian length and a message, as the Collector's
///   file exporter writes with `format: proto`: a length under 2 GiB (first byte below 0x80)
///   whose message starts with 0x0A at byte 4, or is empty.
///
/// Neither can be JSON: JSON starts with `{`, `[`, whitespace or a byte-order mark, and the only
/// one of those that is also a protobuf start is 0x0A, newline, which `message` requires to be
/// followed by a length and a field tag (JSON's "\n{" is followed by `"` or whitespace). A
/// length-prefixed stream whose first record is 160 MiB or more starts 0x0A too, and is taken for a
/// message only if its next bytes also pass as one; then parsing fails with an error.
enum OTLPProtobufLayout: Equatable {
  case message, lengthPrefixed

  init?<Bytes: RandomAccessCollection<UInt8>>(prefix: Bytes) where Bytes.Index == Int {
    let bytes = Array(prefix.prefix(16))
    guard let first = bytes.first else { return nil }
    if first == 0x0A, Self.startsAsMessage(bytes) {
      self = .message
    } else if first < 0x80, ![0x7B, 0x5B, 0x20, 0x09, 0x0D, 0x0A].contains(first), bytes.count >= 4,
      bytes.count == 4 || bytes[4] == 0x0A || bytes[0..<4] == [0, 0, 0, 0]
    {
      self = .lengthPrefixed
    } else {
      return nil
    }
  }

  private static func startsAsMessage(_ bytes: [UInt8]) -> Bool {
    var index = 1
    var length = 0
    var shift = 0
    while index < bytes.count, shift < 35 {
      let byte = bytes[index]
      length |= Int(byte & 0x7F) << shift
      shift += 7
      index += 1
      if byte & 0x80 == 0 {
        guard index < bytes.count else { return true }
        return length == 0 || [0x0A, 0x12, 0x1A, 0xC2].contains(bytes[index])
      }
    }
    return false
  }
}
