/// FNV-1a, 64-bit: a stable hash of a byte sequence, the same on every machine and run (not a
/// security hash), for fingerprints that are compared or written down: the topology's digest in
/// the report, the HyperLogLog sketch's input, the round-trip checks' running digests.
package struct FNV1a64: Sendable, Equatable {
  package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  package init() {}

  /// One step with `word` in place of a byte: a running digest of 64-bit values, each a step.
  @inlinable @inline(__always)
  package mutating func add(word: UInt64) { value = (value ^ word) &* 0x0000_0100_0000_01B3 }

  /// Bytes in memory (arrays, slices, a string's UTF-8) take the pointer loop: through a
  /// sequence's iterator, unspecialized across modules, the trace-store round trip's digest of
  /// 126 MB of lines took 11 s of CPU instead of a fraction of one.
  package mutating func add<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
    if bytes.withContiguousStorageIfAvailable({ add(buffer: $0) }) != nil { return }
    for byte in bytes { add(word: UInt64(byte)) }
  }

  package mutating func add(buffer: UnsafeBufferPointer<UInt8>) {
    for byte in buffer { add(word: UInt64(byte)) }
  }

  /// The hash of `bytes`.
  package static func of<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
    var hash = FNV1a64()
    hash.add(bytes)
    return hash.value
  }
}
