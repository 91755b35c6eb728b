import Codecs
import TraceStore

/// The trace-store decoder on any bytes: as a whole file, and as a block body wrapped in a record
/// with a correct CRC (so mutations reach the column decoders rather than stop at the checksum),
/// decoded to spans, by the line writer to JSONL, and by the protobuf writer to OTLP requests.
/// They decode or are refused with a TraceStoreError; a crash, a hang or a sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTraceStore(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
  let input = Array(UnsafeRawBufferPointer(start: bytes, count: count))
  var spans = 0
  _ = try? TraceStoreReader.read(bytes: input, name: "fuzz.tstore", threads: 1) { spans += $0.count }
  var record: [UInt8] = [UInt8(ascii: "B")] + (0..<4).map { UInt8(truncatingIfNeeded: count >> ($0 * 8)) } + input
  let crc = CRC32.checksum(record[...])
  record += (0..<4).map { UInt8(truncatingIfNeeded: crc >> ($0 * 8)) }
  spans += (try? TraceStoreReader.decodeBlock(record: record))?.count ?? 0
  spans += (try? TraceStoreReader.decodeBlockJSONL(record: record))?.count ?? 0
  spans += (try? TraceStoreReader.decodeBlockOTLPProtobuf(record: record))?.count ?? 0
  _ = try? TraceStoreReader.readOTLPProtobufParts(bytes: input, name: "fuzz.tstore", threads: 1) { part, _ in
    spans += part.count
  } onFlatSpans: { spans += $0.count }
  return 0
}
