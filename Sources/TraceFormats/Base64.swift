import Foundation

/// Standard base64 with padding, as protobuf's JSON mapping writes `bytes` fields, through
/// Foundation.
enum Base64 {
  static func encodedCount(_ byteCount: Int) -> Int { (byteCount + 2) / 3 * 4 }

  static func encode(_ bytes: [UInt8]) -> [UInt8] {
    Array(Data(bytes).base64EncodedData())
  }

  static func encodeString(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString()
  }

  /// The bytes of `text`; nil when it is not base64. The URL-safe alphabet is accepted too, as
  /// protobuf's JSON parsers accept it.
  static func decode(_ text: String) -> [UInt8]? {
    var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while standard.utf8.count % 4 != 0 { standard.append("=") }
    return Data(base64Encoded: standard).map(Array.init)
  }
}
