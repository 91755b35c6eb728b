import Codecs
import Foundation
import TraceModel
import TraceStore

/// The potentials as one real file: every span through the trace-store writer into a scratch file,
/// which is decoded again at the end and compared with what went in, span by span and, decoded to
/// JSONL as `harness decode` writes it, byte for byte. Its size is the report's lossless figure: a
/// file that exists and decodes back.
///
/// The comparison keeps two running digests, not the spans, so memory stays bounded by the
/// writer's block; `Hasher` is seeded per process, which is all a comparison within one run needs.
public final class TraceStoreFile: BatchSink {
  private let writer: TraceStoreWriter
  private let handle: FileHandle
  private let scratchURL: URL
  private let level: Int
  private var input = Digest()
  private(set) public var result: TraceStoreResult?

  /// The file `harness encode` writes, at the format's own levels (`TraceStoreOptions`), whatever
  /// the analysis level: the report's lossless row is the size a user gets.
  public init() throws {
    let options = TraceStoreOptions(threads: 1)
    level = options.zstdLevel
    scratchURL = FileManager.default.temporaryDirectory
      .appendingPathComponent("trace-harness-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).tstore")
    guard FileManager.default.createFile(atPath: scratchURL.path, contents: nil),
      let handle = try? FileHandle(forWritingTo: scratchURL)
    else { throw TraceStoreError(file: scratchURL.path, byteOffset: 0, problem: "cannot create the scratch file") }
    self.handle = handle
    // One thread: the runner owns the threads, and this sink has a worker of its own.
    writer = TraceStoreWriter(options: options, fileHandle: handle)
  }

  deinit { try? FileManager.default.removeItem(at: scratchURL) }

  public var label: String { "trace-store file" }
  public var isSlow: Bool { level >= 16 }

  public func consume(_ batch: SpanBatch) throws {
    for line in batch.spans {
      let span = line.span
      input.add(span)
      input.lines.add(line.bytes)
      try writer.append(span)
    }
  }

  public func endOfStream() throws {
    let summary = try writer.finish()
    try handle.close()
    // Decoded twice, as `harness decode` reads it: to spans, and to JSONL straight from the
    // columns, so the lossless figure holds for both of the decoder's paths. The lines alone
    // would not do: JSONL holds the seed's fields, not what OTLP adds (kind, resource, links), so
    // equal lines do not make equal spans. On both cores: this comes after the last batch, when
    // the other sinks are ending too, and on one thread it kept the run's wall time 0.6 s longer
    // on 126 MB of JSONL (10.5 s against 9.7 s). The decoding threads' CPU time is then the
    // run's, not this sink's, in the timing line.
    var output = Digest()
    _ = try TraceStoreReader.read(url: scratchURL, threads: 2) { spans in
      // Borrowed from the block's buffer: iterating the array copied every span.
      spans.withUnsafeBufferPointer { spans in
        for index in spans.indices { output.add(spans[index]) }
      }
    }
    let lines = try TraceStoreReader.readJSONL(url: scratchURL, threads: 2) { output.lines.add($0[...]) }
    try? FileManager.default.removeItem(at: scratchURL)
    result = TraceStoreResult(
      fileBytes: summary.fileBytes, spans: summary.spanCount, blocks: summary.blockCount,
      zstdLevel: level,
      columns: summary.columnBytes.map { ($0.name, $0.storedBytes) }, framingBytes: summary.framingBytes,
      decodedSpansEqual: input.spans == output.spans && input.spanDigest == output.spanDigest,
      decodedJSONLIdentical: input.spans == lines.spanCount && input.lines == output.lines)
  }

  /// Order-dependent digests of the spans and of their JSONL lines; the lines' digest of the
  /// lines one by one is that of a block of them at once.
  private struct Digest {
    var spans = 0
    var spanDigest = FNV1a64()
    var lines = StreamDigest()

    mutating func add(_ span: Span) {
      spans += 1
      spanDigest.add(word: UInt64(bitPattern: Int64(span.hashValue)))
    }
  }
}

/// The trace-store file of a run's spans: its size, where the bytes go, and whether it decoded back.
public struct TraceStoreResult: Sendable, Equatable {
  public var fileBytes: Int
  public var spans: Int
  public var blocks: Int
  public var zstdLevel: Int
  /// Bytes per column, summed over the blocks, in column order; with `framingBytes` they add up
  /// to `fileBytes`.
  public var columns: [(name: String, bytes: Int)]
  public var framingBytes: Int
  /// Whether decoding gave back every span, equal field by field, in order.
  public var decodedSpansEqual: Bool
  /// Whether the file, decoded to JSONL as `harness decode` writes it, is the input's lines byte for
  /// byte.
  public var decodedJSONLIdentical: Bool
  /// Trace-store files the figures sum: one per shard.
  public var files = 1

  public static func == (lhs: TraceStoreResult, rhs: TraceStoreResult) -> Bool {
    (lhs.fileBytes, lhs.spans, lhs.blocks, lhs.zstdLevel, lhs.framingBytes) == (rhs.fileBytes, rhs.spans, rhs.blocks, rhs.zstdLevel, rhs.framingBytes)
      && lhs.columns.map(\.name) == rhs.columns.map(\.name) && lhs.columns.map(\.bytes) == rhs.columns.map(\.bytes)
      && (lhs.decodedSpansEqual, lhs.decodedJSONLIdentical, lhs.files) == (rhs.decodedSpansEqual, rhs.decodedJSONLIdentical, rhs.files)
  }
}
