import FuzzSupport
import TraceFormats

/// The OTLP protobuf reader, through TraceFileReader: any bytes are read or refused with a FormatError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOTLPProtobuf(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
  FuzzInput.read(bytes, count, as: .otlpProto)
}
