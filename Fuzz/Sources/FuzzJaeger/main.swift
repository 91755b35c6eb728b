import FuzzSupport
import TraceFormats

/// The jaeger reader, through TraceFileReader: any bytes are read or refused with a FormatError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJaeger(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
  FuzzInput.read(bytes, count, as: .jaeger)
}
