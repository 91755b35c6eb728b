import Foundation
import TraceFormats
import TraceModel

/// The one run loop of every command: a source's batches go to the sinks declared for them, each
/// sink sees its stream in order, and the runner owns every thread.
///
/// Threads are sized to the work and the cores: a slow sink (zstd from level 16, about 1 MB/s) gets
/// a worker alone, since a run lasts as long as its slowest sink; the light sinks share a pool of
/// up to one thread per core (`WorkerPool`, each sink a lane whose batches stay in order), at a
/// lower priority when there is a slow one, so on two cores they fill the gaps around it; each
/// derived stream's transform has a worker of its own that feeds its sinks. No worker or pool
/// thread ever waits on one that could wait on it, so back-pressure (queues of two batches)
/// cannot deadlock.
final class Runner {
  private let cores: Int
  private var primary: [any BatchSink] = []
  private var derived: [(label: String, transform: any BatchTransform, sinks: [any BatchSink])] = []
  private var rawFiles: (urls: [URL], sinks: [any BatchSink])?

  /// `cores`: the most light workers to run (one per core).
  public init(cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
    self.cores = max(1, cores)
  }

  /// Sinks of the source's own stream.
  func add(_ sinks: [any BatchSink]) { primary += sinks }

  /// A stream made from the source's by `transform` (the same spans as OTLP/JSON), and its sinks.
  func derive(_ label: String, _ transform: any BatchTransform, sinks: [any BatchSink]) {
    derived.append((label, transform, sinks))
  }

  /// Sinks of the input files' bytes exactly as stored, read beside the source (`analyze`, whose
  /// baseline is of the files the user has, not of the spans re-written); each file's first batch
  /// is marked `startsFile`, so a baseline compresses each file on its own.
  func addBytes(of urls: [URL], sinks: [any BatchSink]) { rawFiles = (urls, sinks) }

  /// Runs `source` to its end through every sink, then ends every stream; returns each sink's and
  /// transform's CPU time.
  func run(_ source: inout some SpanSource) throws -> [RunTiming.Share] {
    // A run that measures holds many batches at once; one that only writes its dataset holds two.
    let allSinks = primary + derived.flatMap(\.sinks) + (rawFiles?.sinks ?? [])
    let hasSlowSink = allSinks.contains(where: \.isSlow)
    AllocatorSettings.apply(!derived.isEmpty || rawFiles != nil || hasSlowSink ? .measuring : .writingOnly)
    // Lowered only beside a slow sink: with nothing of the run's own to give way to, a lowered
    // writer only lost its core to other processes (generate on big: 0.65 of zstd -3's speed
    // under load, the writer at nice 10 behind the generator).
    let lightPriority: Worker.Priority = hasSlowSink ? .yielding : .normal
    let lightSinkCount = allSinks.filter { !$0.isSlow }.count
    let light = WorkerPool(label: "light", threads: min(cores, max(1, lightSinkCount)), priority: lightPriority)
    var slots: [SinkSlot] = []
    func place(_ sinks: [any BatchSink], stream: String = "") -> [Placed] {
      sinks.map { sink in
        let slot = SinkSlot(sink, name: stream.isEmpty ? sink.label : "\(stream) \(sink.label)")
        slots.append(slot)
        let queue: any JobQueue = sink.isSlow ? Worker(label: sink.label) : light.lane()
        return Placed(queue: queue, slot: slot)
      }
    }
    let primaryPlaced = place(primary)
    let derivedStreams = derived.map { stream in
      (transform: TransformSlot(stream.label, stream.transform), worker: Worker(label: stream.label),
       placed: place(stream.sinks, stream: stream.label))
    }
    let rawPlaced = rawFiles.map { place($0.sinks, stream: "file") } ?? []
    let reader = rawFiles.map { _ in Worker(label: "file bytes") }

    if let reader, let urls = rawFiles?.urls {
      try reader.submit { try Self.readBytes(urls) { batch in try Self.dispatch(batch, to: rawPlaced) } }
    }
    try source.run { batch in
      try Self.dispatch(batch, to: primaryPlaced)
      for stream in derivedStreams {
        try stream.worker.submit {
          if let out = try stream.transform.transform(batch) { try Self.dispatch(out, to: stream.placed) }
        }
      }
    }
    for stream in derivedStreams {
      try stream.worker.submit {
        if let out = try stream.transform.finish() { try Self.dispatch(out, to: stream.placed) }
      }
      try stream.worker.drain()
    }
    try reader?.drain()
    for placedSinks in [primaryPlaced, rawPlaced] + derivedStreams.map(\.placed) {
      for placed in placedSinks { try placed.queue.submit { try placed.slot.end() } }
    }
    for placedSinks in [primaryPlaced, rawPlaced] + derivedStreams.map(\.placed) {
      for placed in placedSinks { try placed.queue.drain() }
    }
    return slots.map(\.timing) + derivedStreams.map(\.transform.timing)
  }

  private static func dispatch(_ batch: SpanBatch, to sinks: [Placed]) throws {
    for placed in sinks { try placed.queue.submit { try placed.slot.consume(batch) } }
  }

  /// The files' bytes in batches of `SpanBatch.targetBytes`, one file after another, each file's
  /// first batch marked `startsFile`; a gzip or zstd file's decompressed bytes, which are what its
  /// reader parses and what a compressor of the user's would see.
  private static func readBytes(_ urls: [URL], _ body: (SpanBatch) throws -> Void) throws {
    for url in urls {
      guard let handle = try? FileHandle(forReadingFrom: url) else {
        throw RunnerError("\(url.lastPathComponent): cannot be read")
      }
      let input = try DecompressingInput(handle: handle, fileName: url.lastPathComponent)
      var first = true
      while case let bytes = try input.read(upTo: SpanBatch.targetBytes), !bytes.isEmpty {
        var batch = SpanBatch(bytes: bytes, spanCount: 0)
        batch.startsFile = first
        first = false
        try body(batch)
      }
    }
  }
}

/// A sink and the queue its jobs run on: a worker of its own if slow, else a lane of the pool.
private struct Placed: Sendable {
  let queue: any JobQueue
  let slot: SinkSlot
}

/// A sink with the CPU time its batches took, read on its worker's thread.
private final class SinkSlot: @unchecked Sendable {
  let sink: any BatchSink
  private let name: String
  private var cpuNanos: Int64 = 0

  init(_ sink: any BatchSink, name: String) {
    self.sink = sink
    self.name = name
  }

  func consume(_ batch: SpanBatch) throws { try timed { try sink.consume(batch) } }
  func end() throws { try timed { try sink.endOfStream() } }

  var timing: RunTiming.Share { RunTiming.Share(name: name, cpuSeconds: Double(cpuNanos) / 1e9) }

  private func timed(_ body: () throws -> Void) rethrows {
    let start = Worker.threadCPUNanos()
    defer { cpuNanos += Worker.threadCPUNanos() - start }
    try body()
  }
}

/// A derived stream's transform, confined to its worker.
private final class TransformSlot: @unchecked Sendable {
  private let label: String
  private let base: any BatchTransform
  private var cpuNanos: Int64 = 0

  init(_ label: String, _ base: any BatchTransform) {
    self.label = label
    self.base = base
  }

  func transform(_ batch: SpanBatch) throws -> SpanBatch? {
    let start = Worker.threadCPUNanos()
    defer { cpuNanos += Worker.threadCPUNanos() - start }
    return try base.transform(batch)
  }

  func finish() throws -> SpanBatch? {
    let start = Worker.threadCPUNanos()
    defer { cpuNanos += Worker.threadCPUNanos() - start }
    return try base.finish()
  }

  var timing: RunTiming.Share { RunTiming.Share(name: label, cpuSeconds: Double(cpuNanos) / 1e9) }
}

/// A run that could not start or read its input.
struct RunnerError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Where the runner's batches come from: the generator or a file reader.
protocol SpanSource {
  /// Produces the batches in stream order, handing each to `emit`.
  mutating func run(_ emit: (SpanBatch) throws -> Void) throws
}
