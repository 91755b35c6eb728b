import FuzzSupport
import TraceFormats

/// The seed reader, through TraceFileReader: any bytes are read or refused with a FormatError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSeed(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
  FuzzInput.read(bytes, count, as: .seed)
}
