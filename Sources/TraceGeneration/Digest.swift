import TraceFormats
import TraceJSON
import TraceModel

/// FNV-1a, 64-bit: a stable fingerprint of a configuration file (not a security hash), so the
/// report shows which topology produced it.
public enum FNV1a64 {
  public static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
