import Codecs
import TraceModel

/// One documented potential measured on a dataset: what its fields take as written, what a real
/// encoded column of them takes, with and without zstd, and the entropy bound.
public struct PotentialResult: Sendable, Equatable, Codable {
  public var name: String
  /// The JSON fields the column covers.
  public var fields: [SpanField]
  /// Bytes those fields take in the raw JSONL (keys and punctuation included).
  public var rawBytes: Int
  /// Bytes of the encoded column, dictionaries included.
  public var encodedBytes: Int
  /// The encoded column through zstd-19, verified.
  public var encodedZstdBytes: Int
  /// Order-0 entropy of the symbols the column encodes (see each potential for its symbols).
  public var entropyBytes: Int
  /// What the seed states for this potential, and what this dataset shows.
  public var stated: String
  public var measured: String
  /// Whether decoding the column gave back exactly the values fed in.
  public var roundTrips: Bool
  /// False for a column that drops information (none of the potentials; the lossy row is separate).
  public var lossless: Bool
  /// Further figures of the potential, as label and value, in display order.
  public var details: [Detail]

  /// A labelled figure shown under the potential.
  public struct Detail: Sendable, Equatable, Codable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
      self.label = label
      self.value = value
    }
  }
}

/// A running fingerprint of the values a column encodes, to compare with what decoding gives back
/// without keeping the values themselves.
struct ValueFingerprint: Equatable {
  private var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  private(set) var count = 0

  mutating func add(_ value: Int64) {
    var value = UInt64(bitPattern: value)
    for _ in 0..<8 {
      hash = (hash ^ (value & 0xFF)) &* 0x0000_0100_0000_01B3
      value >>= 8
    }
    count += 1
  }

  mutating func add(_ text: String) {
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    add(Int64(text.utf8.count))
  }
}

/// A dictionary of distinct strings in first-appearance order, written as varint-length-prefixed
/// UTF-8.
struct StringDictionary {
  private(set) var entries: [String] = []
  private var indexByEntry: [String: Int] = [:]

  /// The entry's index, adding it if new.
  mutating func index(of entry: String) -> Int {
    if let index = indexByEntry[entry] { return index }
    indexByEntry[entry] = entries.count
    entries.append(entry)
    return entries.count - 1
  }

  var count: Int { entries.count }

  func encoded() -> [UInt8] {
    var out: [UInt8] = []
    Varint.append(UInt64(entries.count), to: &out)
    for entry in entries {
      Varint.append(UInt64(entry.utf8.count), to: &out)
      out.append(contentsOf: entry.utf8)
    }
    return out
  }

  /// Reads a dictionary written by `encoded()` at `position`.
  static func decode(_ bytes: [UInt8], at position: inout Int) -> [String]? {
    guard let count = Varint.read(bytes, at: &position) else { return nil }
    var entries: [String] = []
    for _ in 0..<count {
      guard let length = Varint.read(bytes, at: &position), position + Int(length) <= bytes.count
      else { return nil }
      entries.append(String(decoding: bytes[position..<(position + Int(length))], as: UTF8.self))
      position += Int(length)
    }
    return entries
  }
}
