import TraceModel

/// The distinct values of one tag key, in first-appearance order, written as `StringDictionary`
/// writes its entries: a varint count, then each value varint-length-prefixed.
///
/// A key such as `user.id` or `http.url` has a value per trace or two, so its dictionary grows with
/// its block (`BlockValueDictionaries`; it grew with the file when there was one for the file: at
/// a million generated traces about 420,000 values in all, which as strings held about 50 MB by
/// the end of the run). Here a value is its 64-bit identity in memory (the hash
/// `DistinctValues` names values by; two values share one with a chance of about 2^-64 a pair),
/// and its text goes to an `EncodedColumn`, which moves to a scratch file past 1 MiB.
struct ValueDictionary {
  private var indexByIdentity: [UInt64: Int] = [:]
  /// Each entry's identity, by index.
  private(set) var identities: [UInt64] = []
  private var text = EncodedColumn()

  var count: Int { identities.count }

  /// The index of `value`'s typed text (`TagValue.typedText`), adding it if new. A string's
  /// identity is digested from its type letter and its text, so the typed text is only made for a
  /// new entry: making it for every tag was an allocation per tag of every span.
  mutating func index(of value: TagValue) throws -> Int {
    guard case .string(let text) = value else { return try index(of: value.typedText) }
    var digest = FNV1a64()
    digest.add(word: UInt64(UInt8(ascii: "s")))
    digest.add(text.utf8)
    let identity = HyperLogLog.hash(digest: digest.value)
    if let index = indexByIdentity[identity] { return index }
    return try add("s" + text, identity: identity)
  }

  /// The entry's index, adding it if new.
  mutating func index(of value: String) throws -> Int {
    let identity = HyperLogLog.hash(value)
    if let index = indexByIdentity[identity] { return index }
    return try add(value, identity: identity)
  }

  private mutating func add(_ value: String, identity: UInt64) throws -> Int {
    indexByIdentity[identity] = identities.count
    identities.append(identity)
    try text.append(varint: UInt64(value.utf8.count))
    try text.append(contentsOf: Array(value.utf8))
    return identities.count - 1
  }

  /// The dictionary as written, a piece at a time.
  var pieces: EncodedColumnPieces {
    var head: [UInt8] = []
    Varint.append(UInt64(count), to: &head)
    return text.pieces(after: head)
  }

  /// Bytes of the dictionary as written.
  var encodedBytes: Int { Varint.byteCount(UInt64(count)) + text.count }

  /// Reads a dictionary back from `reader`: the identities of its entries, from their text.
  static func decodeIdentities(from reader: inout EncodedColumnReader) throws -> [UInt64]? {
    guard let count = try reader.varint() else { return nil }
    var identities: [UInt64] = []
    for _ in 0..<count {
      guard let length = try reader.varint(), let bytes = try reader.bytes(Int(clamping: length)) else { return nil }
      identities.append(HyperLogLog.hash(String(decoding: bytes, as: UTF8.self)))
    }
    return identities
  }
}
