import TraceJSON
import TraceModel

/// Protobuf's wire encoding into a byte array, for `OTLPProtoBytes`: each field is left out at its
/// proto3 default, as swift-protobuf leaves it out.
package struct ProtoWriter {
  package var bytes: [UInt8] = []

  package init() {}

  package enum WireType: UInt8 {
    case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
  }

  package mutating func varint(_ value: UInt64) { Varint.append(value, to: &bytes) }

  package mutating func tag(_ field: Int, _ wireType: WireType) {
    varint(UInt64(field << 3) | UInt64(wireType.rawValue))
  }

  package mutating func fixed32(_ value: UInt32, field: Int) {
    guard value != 0 else { return }
    tag(field, .fixed32)
    for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
  }

  package mutating func fixed64(_ value: UInt64, field: Int) {
    guard value != 0 else { return }
    tag(field, .fixed64)
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
  }

  package mutating func uint32(_ value: UInt32, field: Int) {
    guard value != 0 else { return }
    tag(field, .varint)
    varint(UInt64(value))
  }

  /// An enum's number, negative ones sign-extended to ten bytes as protobuf has it.
  package mutating func enumValue(_ value: Int32, field: Int) {
    guard value != 0 else { return }
    tag(field, .varint)
    varint(UInt64(bitPattern: Int64(value)))
  }

  package mutating func string(_ text: String, field: Int) {
    guard !text.isEmpty else { return }
    tag(field, .lengthDelimited)
    varint(UInt64(text.utf8.count))
    bytes.append(contentsOf: text.utf8)
  }

  /// Where a message field begins whose body is written next, in place: its tag is written and
  /// `lengthBytes` bytes left for its length, which `endMessage` fills in.
  package struct OpenMessage {
    var lengthStart: Int
    var lengthBytes: Int
  }

  package mutating func beginMessage(_ field: Int, lengthBytes: Int) -> OpenMessage {
    tag(field, .lengthDelimited)
    let open = OpenMessage(lengthStart: bytes.count, lengthBytes: lengthBytes)
    bytes.append(contentsOf: repeatElement(0, count: lengthBytes))
    return open
  }

  /// Writes the length of the message `open` began, everything written since being its body. A
  /// length of other than the bytes left moves the body, so the varint is the shortest, as
  /// protobuf writes it.
  package mutating func endMessage(_ open: OpenMessage) {
    let bodyStart = open.lengthStart + open.lengthBytes
    var length = UInt64(bytes.count - bodyStart)
    let lengthBytes = Varint.byteCount(length)
    if lengthBytes < open.lengthBytes {
      bytes.removeSubrange(open.lengthStart..<(open.lengthStart + open.lengthBytes - lengthBytes))
    } else if lengthBytes > open.lengthBytes {
      bytes.insert(contentsOf: repeatElement(0, count: lengthBytes - open.lengthBytes), at: bodyStart)
    }
    for position in open.lengthStart..<(open.lengthStart + lengthBytes) {
      bytes[position] = UInt8(truncatingIfNeeded: length) | (length >= 0x80 ? 0x80 : 0)
      length >>= 7
    }
  }

  /// A message field (written even when empty: it is set).
  package mutating func message(_ field: Int, _ body: [UInt8]) {
    tag(field, .lengthDelimited)
    varint(UInt64(body.count))
    bytes.append(contentsOf: body)
  }

  /// An OTLP id's bytes (`byteCount` 16 or 8), as `OTLPIDMapping` maps it; `mapping` throws for
  /// ids OTLP cannot hold, and is called only for those.
  package mutating func id(_ id: String, field: Int, byteCount: Int, mapping: (String) throws -> String) throws {
    guard let (high, low) = OTLPIDMapping.packed(id, byteCount: byteCount) else {
      let hex = try mapping(id)
      tag(field, .lengthDelimited)
      varint(UInt64(byteCount))
      bytes.append(contentsOf: Hex.decode(hex.utf8)!)
      return
    }
    packedID(high: high, low: low, field: field, byteCount: byteCount)
  }

  /// An id's `byteCount` bytes (16 or 8) from `OTLPIDMapping.packed`'s number.
  package mutating func packedID(high: UInt64, low: UInt64, field: Int, byteCount: Int) {
    tag(field, .lengthDelimited)
    varint(UInt64(byteCount))
    if byteCount == 16 { appendBigEndian(high) }
    appendBigEndian(low)
  }

  private mutating func appendBigEndian(_ value: UInt64) {
    withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
  }

  /// One `KeyValue` message per tag. The tags are borrowed from the buffer: iterating the array
  /// copied each, retaining its strings (4% of decoding the real sample).
  package mutating func attributes(_ tags: [Tag], field: Int) {
    tags.withUnsafeBufferPointer { tags in
      for index in tags.indices {
        attribute(tags[index], field: field)
      }
    }
  }

  /// One `KeyValue` message.
  package mutating func attribute(_ attribute: Tag, field: Int) {
    tag(field, .lengthDelimited)
    varint(UInt64(OTLPProtoBytes.keyValueBytes(attribute)))
    keyValue(attribute)
  }

  private mutating func keyValue(_ attribute: Tag) {
    string(attribute.key, field: 1)
    tag(2, .lengthDelimited)
    varint(UInt64(OTLPProtoBytes.anyValueBytes(attribute.value)))
    anyValue(attribute.value)
  }

  private mutating func anyValue(_ value: TagValue) {
    switch value {
    case .string(let text):
      tag(1, .lengthDelimited)
      varint(UInt64(text.utf8.count))
      bytes.append(contentsOf: text.utf8)
    case .bool(let flag):
      tag(2, .varint)
      bytes.append(flag ? 1 : 0)
    case .int(let number):
      tag(3, .varint)
      varint(UInt64(bitPattern: number))
    case .double(let number):
      tag(4, .fixed64)
      for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: number.bitPattern >> shift)) }
    case .bytes(let data):
      tag(7, .lengthDelimited)
      varint(UInt64(data.count))
      bytes.append(contentsOf: data)
    case .array(let values):
      tag(5, .lengthDelimited)
      varint(UInt64(OTLPProtoBytes.arrayBodyBytes(values)))
      for member in values {
        tag(1, .lengthDelimited)
        varint(UInt64(OTLPProtoBytes.anyValueBytes(member)))
        anyValue(member)
      }
    case .kvlist(let tags):
      tag(6, .lengthDelimited)
      varint(UInt64(OTLPProtoBytes.attributesBytes(tags)))
      attributes(tags, field: 1)
    case .empty:
      break
    }
  }

}
