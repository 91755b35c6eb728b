import TraceJSON

/// The parser alone: any bytes either parse to a value or throw `JSONSyntaxError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
  let buffer = UnsafeBufferPointer(start: bytes.assumingMemoryBound(to: UInt8.self), count: count)
  _ = try? JSONParser.parseDocument(buffer)
  return 0
}
