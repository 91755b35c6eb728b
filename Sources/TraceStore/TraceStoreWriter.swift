import Foundation
import TraceModel

/// Writes spans as a trace-store file: fed spans in order, it cuts them into blocks and hands the
/// file's bytes to a sink as each pair of blocks is done.
///
/// Blocks are encoded `options.threads` at a time and written in order, so memory holds at most
/// that many blocks of spans (each bounded by `TraceStoreOptions`) whatever the input's size.
public final class TraceStoreWriter {
  private let options: TraceStoreOptions
  private let sink: ([UInt8]) throws -> Void
  private var pending: [(spans: [Span], structure: [RequestEntry])] = []
  private var current: [Span] = []
  /// How `current`'s spans arrived in requests; empty while they arrived flat.
  private var structure: [RequestEntry] = []
  private var currentBytes = 0
  private var blocks: [(offset: Int, spanCount: Int)] = []
  private var columnBytes: [ColumnID: Int] = [:]
  private var summary = TraceStoreSummary()
  private var finished = false
  /// Jobs started and not yet written, oldest first; at most two, the older one compressing.
  private var inFlight: [EncodingJob] = []

  /// A writer that hands each piece of the file to `sink`, starting with the header.
  public init(options: TraceStoreOptions = TraceStoreOptions(), sink: @escaping ([UInt8]) throws -> Void) {
    self.options = options
    self.sink = sink
  }

  /// A writer that writes the file to `handle` as it goes.
  public convenience init(options: TraceStoreOptions = TraceStoreOptions(), fileHandle handle: FileHandle) {
    self.init(options: options) { try handle.write(contentsOf: $0) }
  }

  /// Adds the next span in input order; encodes a block once one is full.
  public func append(_ span: Span) throws {
    if !structure.isEmpty { try closeBlock() }
    try add(span)
  }

  /// The most spans a block can hold, reserved when it starts: grown by doubling, a block's
  /// array was copied into a fresh mapping at every doubling; reserved, only the pages its spans
  /// fill are ever touched (the writer's share of an analyze run's page faults on 126 MB fell from
  /// 23% to 14%; perf, page-faults).
  private var blockCapacity: Int {
    min(options.maxSpansPerBlock, options.maxInputBytesPerBlock / MemoryLayout<Span>.stride + 1)
  }

  private func add(_ span: Span) throws {
    if current.isEmpty { current.reserveCapacity(blockCapacity) }
    current.append(span)
    currentBytes += Self.estimatedBytes(of: span)
    if current.count >= options.maxSpansPerBlock || currentBytes >= options.maxInputBytesPerBlock {
      try closeBlock()
    }
  }

  /// Adds an OTLP request: its spans, each with its group's resource and scope, and where the
  /// request and its groups begin, with their schema URLs, so `TraceStoreReader.readRequests`
  /// gives back an equal request. A request larger than a block continues in the next.
  ///
  /// With `continuingPrevious` the request's groups are appended to the request before, as if
  /// they had come in it (the file is the same): a reader can then hand over one large request a
  /// group at a time, and its spans are released block by block instead of held all at once.
  public func append(_ request: TraceRequest, continuingPrevious: Bool = false) throws {
    if structure.isEmpty, !current.isEmpty { try closeBlock() }
    if !continuingPrevious { try addEntry(.request) }
    for group in request.resourceSpans {
      try addEntry(.resourceGroup(group.resource, schemaURL: group.schemaURL))
      for scopeGroup in group.scopeSpans {
        try addEntry(.scopeGroup(scopeGroup.scope, schemaURL: scopeGroup.schemaURL))
        for var span in scopeGroup.spans {
          span.resource = group.resource
          span.scope = scopeGroup.scope
          if case .spans(let count) = structure.last {
            structure[structure.count - 1] = .spans(count + 1)
          } else {
            try addEntry(.spans(1))
          }
          try add(span)
        }
      }
    }
  }

  /// Requests of empty groups take no span, so the entries alone can fill a block: it closes
  /// before one more than a reader accepts, and the request goes on in the next.
  private func addEntry(_ entry: RequestEntry) throws {
    if structure.count >= RawRequestEntry.maxPerBlock { try closeBlock() }
    structure.append(entry)
  }

  /// Writes what is left, the index and the trailer, and returns the sizes written.
  public func finish() throws -> TraceStoreSummary {
    precondition(!finished, "TraceStoreWriter.finish() called twice")
    finished = true
    try closeBlock()
    try encodePending()
    while !inFlight.isEmpty { try emitOldest() }
    if summary.fileBytes == 0 { try emit(Container.header, framing: true) }
    let indexOffset = summary.fileBytes
    try emit(Container.record(tag: Container.indexTag, body: Container.index(blocks: blocks)), framing: true)
    try emit(Container.trailer(indexOffset: indexOffset), framing: true)
    summary.columnBytes = columnBytes.sorted { $0.key < $1.key }.map {
      ColumnBytes(column: $0.key, storedBytes: $0.value)
    }
    return summary
  }

  private func closeBlock() throws {
    guard !current.isEmpty || !structure.isEmpty else { return }
    pending.append((current, structure))
    current = []
    structure = []
    currentBytes = 0
    if pending.count >= max(1, options.threads - 1) { try encodePending() }
  }

  /// With two or more threads the pending blocks are encoded in the background on `threads − 1`
  /// cores while the caller reads on and fills the next: reading the input was about half of the
  /// work, and encoding waited for it. Memory still holds `threads` blocks of spans at most: a
  /// new job starts once the one before has let go of its spans, while that one may still be
  /// compressing its columns. Waiting for it to finish instead left a core idle for a third of
  /// each block's encoding on the real sample, its columns compressed while the reader waited.
  private func encodePending() throws {
    let batch = pending
    pending = []
    for job in inFlight { job.spansReleased.wait() }
    if inFlight.count >= 2 { try emitOldest() }
    guard !batch.isEmpty else { return }
    let level = options.zstdLevel
    let encoderThreads = max(1, options.threads - 1)
    let job = EncodingJob(batch: batch)
    let columnThreads = options.threads
    if options.threads == 1 {
      job.run(threads: encoderThreads, columnThreads: columnThreads, level: level)
    } else {
      DispatchQueue.global().async(group: job.done) {
        job.run(threads: encoderThreads, columnThreads: columnThreads, level: level)
      }
    }
    inFlight.append(job)
  }

  /// Waits for the oldest job's blocks and writes them, in order.
  private func emitOldest() throws {
    let job = inFlight.removeFirst()
    job.done.wait()
    for (spanCount, block) in zip(job.spanCounts, try job.result.get()) {
      if summary.fileBytes == 0 { try emit(Container.header, framing: true) }
      blocks.append((summary.fileBytes, spanCount))
      let columnTotal = block.columnBytes.values.reduce(0, +)
      for (column, bytes) in block.columnBytes { columnBytes[column, default: 0] += bytes }
      summary.framingBytes += Container.recordFramingBytes + block.body.count - columnTotal
      try emit(Container.record(tag: Container.blockTag, body: block.body), framing: false)
      summary.spanCount += spanCount
      summary.blockCount += 1
    }
  }

  private func emit(_ bytes: [UInt8], framing: Bool) throws {
    try sink(bytes)
    summary.fileBytes += bytes.count
    if framing { summary.framingBytes += bytes.count }
  }

  /// About what the span takes in memory as the model holds it: its strings and numbers. The
  /// struct itself counts at its real stride: OTLP's fields made it several times the 64 bytes
  /// once assumed, and peak memory grew past 256 MB with it.
  static func estimatedBytes(of span: Span) -> Int {
    func bytes(_ tags: [Tag]) -> Int {
      tags.reduce(0) { total, tag in
        if case .string(let text) = tag.value { return total + 24 + tag.key.utf8.count + text.utf8.count }
        return total + 24 + tag.key.utf8.count
      }
    }
    return MemoryLayout<Span>.stride + span.traceID.utf8.count + span.spanID.utf8.count + (span.parentSpanID?.utf8.count ?? 0)
      + span.serviceName.utf8.count + span.operationName.utf8.count + bytes(span.tags)
      + span.logs.reduce(0) { $0 + 32 + $1.event.utf8.count + bytes($1.fields) }
  }
}

/// Blocks handed to a background thread to encode; `result` is read after `done` is waited for.
///
/// The spans are let go of on the encoding thread once their columns are filled, before these are
/// compressed (`spansReleased`): freed on the caller's thread they took a twelfth of its time,
/// which reading the input needs.
private final class EncodingJob: @unchecked Sendable {
  private var batch: [(spans: [Span], structure: [RequestEntry])]
  let spanCounts: [Int]
  let done = DispatchGroup()
  let spansReleased = DispatchGroup()
  private(set) var result: Result<[(body: [UInt8], columnBytes: [ColumnID: Int])], any Error> = .success([])

  init(batch: [(spans: [Span], structure: [RequestEntry])]) {
    self.batch = batch
    spanCounts = batch.map(\.spans.count)
    spansReleased.enter()
  }

  /// `threads` blocks at once, each filling its two sets of columns and compressing its columns
  /// `columnThreads` at once.
  func run(threads: Int, columnThreads: Int, level: Int) {
    var blocks = batch
    batch = []
    let filled = Result {
      try ParallelMap.map(blocks, threads: threads) { spans, structure in
        (BlockEncoder.columns(of: spans, structure: structure, threads: columnThreads), spans.count)
      }
    }
    blocks = []
    spansReleased.leave()
    result = Result {
      try ParallelMap.map(try filled.get(), threads: threads) { block, spanCount in
        try BlockBody.encode(
          block.columns, spanCount: spanCount, traceCount: block.traceCount, level: level,
          threads: columnThreads)
      }
    }
  }
}
