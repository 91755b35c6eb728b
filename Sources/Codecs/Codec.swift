/// A compressor and its level, as a row of the baseline names it (`gzip-9`, `zstd-19`).
public struct CodecSetting: Sendable, Hashable, Codable, CustomStringConvertible {
  public enum Family: String, Sendable, Codable, CaseIterable {
    case gzip, zstd
  }

  public var family: Family
  public var level: Int

  public init(_ family: Family, level: Int) {
    self.family = family
    self.level = level
  }

  public var description: String { "\(family.rawValue)-\(level)" }

  /// The levels the seed's baseline asks for: gzip 1, 6, 9 and zstd 1, 3, 9, 19, 22 (ultra).
  public static let phase0Defaults: [CodecSetting] =
    [1, 6, 9].map { CodecSetting(.gzip, level: $0) }
    + [1, 3, 9, 19, 22].map { CodecSetting(.zstd, level: $0) }

  /// The valid levels of each family: zlib takes 1–9, libzstd 1–22.
  public var isValid: Bool {
    switch family {
    case .gzip: (1...9).contains(level)
    case .zstd: (1...22).contains(level)
    }
  }

  /// Whether this setting runs at about 1 MB/s rather than tens of MB/s or more: zstd from level
  /// 16 parses optimally (btopt and up). Schedulers give such a setting a core of its own.
  public var isSlow: Bool { family == .zstd && level >= 16 }

  /// A new streaming compressor for this setting; `sizeOnly`: for a size and not a file, gzip's
  /// deflate data without the wrapper (`GzipCompressor.wrapperBytes` fewer).
  func makeCompressor(sizeOnly: Bool = false) throws -> any StreamCompressor {
    switch family {
    case .gzip: try GzipCompressor(level: level, raw: sizeOnly)
    case .zstd: try ZstdCompressor(level: level)
    }
  }

  /// A new streaming decompressor for what this setting's compressor writes.
  func makeDecompressor(sizeOnly: Bool = false) throws -> any StreamDecompressor {
    switch family {
    case .gzip: try GzipDecompressor(raw: sizeOnly)
    case .zstd: try ZstdDecompressor()
    }
  }

  /// Bytes the stream has beyond what a `sizeOnly` compressor writes.
  var sizeOnlyFramingBytes: Int { family == .gzip ? GzipCompressor.wrapperBytes : 0 }
}

/// A compressor fed in chunks, so a dataset of any size passes through in bounded memory.
protocol StreamCompressor: AnyObject {
  /// Compresses `input`, handing each piece of output to `output` as it is produced.
  func compress(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void)
    throws
  /// Ends the stream, handing the remaining output to `output`.
  func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws
}

/// A decompressor fed in chunks of compressed bytes.
public protocol StreamDecompressor: AnyObject {
  func decompress(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void)
    throws
  /// Whether the input so far ends exactly at the end of a complete stream.
  var isComplete: Bool { get }
}

/// A failure inside a compression library, or a round trip that did not give the input back.
public struct CodecError: Error, CustomStringConvertible, Equatable {
  var codec: String
  public var message: String

  public init(_ codec: String, _ message: String) {
    self.codec = codec
    self.message = message
  }

  public var description: String { "\(codec): \(message)" }
}
