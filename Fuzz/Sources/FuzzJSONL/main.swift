import FuzzSupport
import TraceFormats

/// The jsonl reader, through TraceFileReader: any bytes are read or refused with a FormatError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
  FuzzInput.read(bytes, count, as: .jsonl)
}
