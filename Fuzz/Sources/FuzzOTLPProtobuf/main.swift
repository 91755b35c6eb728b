import CZstd
import FuzzSupport
import TraceFormats

/// The OTLP protobuf reader, through TraceFileReader: any bytes are read or refused with a
/// FormatError, both layouts (one message, or 4-byte length-prefixed records: the first bytes
/// choose). Each input is read twice: as it is, so a gzip or zstd seed goes through compression
/// detection, and compressed with zstd, so that every mutation also reaches the reader through
/// the decompressing path (mutating compressed bytes rarely gets past the codec's own checks).
/// As it is, it is also read as the encoder reads it, in parts through the hand-written wire
/// reader, which must agree with swift-protobuf's whole read (`readRequestsBothWays`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOTLPProtobuf(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
  _ = FuzzInput.read(bytes, count, as: .otlpProto)
  _ = FuzzInput.readRequestsBothWays(bytes, count)
  var compressed = [UInt8](repeating: 0, count: ZSTD_compressBound(count))
  let size = compressed.withUnsafeMutableBytes { ZSTD_compress($0.baseAddress, $0.count, bytes, count, 1) }
  guard ZSTD_isError(size) == 0 else { return 0 }
  return compressed.withUnsafeBytes { FuzzInput.read($0.baseAddress!, size, as: .otlpProto) }
}
