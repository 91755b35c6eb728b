import FuzzSupport

/// The format detection and the reader it picks, through TraceFileReader: any bytes are read or refused with a FormatError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDetected(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
  FuzzInput.read(bytes, count, as: nil)
}
