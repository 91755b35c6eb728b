import FuzzSupport
import TraceGeneration

/// The topology loader: any file either loads as a valid topology or throws `TopologyError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTopology(_ bytes: UnsafeRawPointer, _ count: Int) -> CInt {
  _ = try? Topology.load(from: FuzzInput.file(bytes, count))
  return 0
}
