import Foundation
import TraceFormats
import TraceJSON
import TraceModel

/// A topology file that cannot be used, naming the file, the entry and the problem.
struct TopologyError: Error, CustomStringConvertible, Equatable {
  var file: String
  var entry: String
  var problem: String

  var description: String { "\(file): \(entry): \(problem)" }
}

extension Topology {
  /// Loads and validates a topology file.
  public static func load(from url: URL) throws -> Topology { try loadWithDigest(from: url).topology }

  /// Loads and validates a topology file, with the FNV-1a digest of the bytes it was read from,
  /// which the dataset's metadata records. One read, so a missing file gets the same named error
  /// as a malformed one.
  public static func loadWithDigest(from url: URL) throws -> (topology: Topology, digest: String) {
    let file = url.path
    let data = try ExperimentFile.read(url)
    let topology: Topology
    do {
      topology = try JSONDecoder().decode(Topology.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw TopologyError(
        file: file, entry: Self.path(context.codingPath), problem: "missing key '\(key.stringValue)'")
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
      throw TopologyError(
        file: file, entry: Self.path(context.codingPath), problem: context.debugDescription)
    } catch let DecodingError.dataCorrupted(context) {
      let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey]
      throw TopologyError(
        file: file, entry: Self.path(context.codingPath),
        problem: (underlying as? String) ?? context.debugDescription)
    }
    try topology.validate(file: file)
    return (topology, Hex.encode(FNV1a64.of(data)))
  }

  private static func path(_ codingPath: [any CodingKey]) -> String {
    let parts = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
    return parts.isEmpty ? "top level" : String(parts.joined().drop { $0 == "." })
  }

  /// Checks what decoding cannot: references, probabilities, cycles, empty lists.
  func validate(file: String) throws {
    func fail(_ entry: String, _ problem: String) -> TopologyError {
      TopologyError(file: file, entry: entry, problem: problem)
    }
    func checkRange(_ value: Double, _ limit: Limit, _ entry: String) throws {
      guard limit.range.contains(value) else {
        throw fail(entry, "\(value) is outside \(limit.text)")
      }
    }
    func checkProbability(_ value: Double, _ entry: String) throws {
      guard value >= 0, value <= 1 else {
        throw fail(entry, "probability \(value) is outside 0…1")
      }
    }
    var names = Set<String>()
    for service in services {
      let entry = "service '\(service.name)'"
      guard names.insert(service.name).inserted else { throw fail(entry, "is defined twice") }
      guard !service.operations.isEmpty else { throw fail(entry, "has no operations") }
      try checkRange(service.meanLatencyMillis, .meanLatencyMillis, "\(entry) meanLatencyMillis")
      try checkProbability(service.errorRate, "\(entry) errorRate")
      if let rate = service.cacheHitRate { try checkProbability(rate, "\(entry) cacheHitRate") }
      if let rate = service.retryProbability {
        try checkProbability(rate, "\(entry) retryProbability")
      }
    }
    try checkProbability(errorPropagationProbability, "errorPropagationProbability")
    try checkRange(arrivalsPerSecond, .arrivalsPerSecond, "arrivalsPerSecond")
    guard names.contains(entryService) else {
      throw fail("entryService", "unknown service '\(entryService)'")
    }
    for call in calls {
      let entry = "call \(call.from) → \(call.to)"
      guard names.contains(call.from) else { throw fail(entry, "unknown service '\(call.from)'") }
      guard names.contains(call.to) else { throw fail(entry, "unknown service '\(call.to)'") }
      guard call.to != entryService else { throw fail(entry, "calls the entry service") }
      try checkProbability(call.probability, entry)
    }
    guard !routes.isEmpty else { throw fail("routes", "no entry routes") }
    let entryOperations = Set(service(named: entryService)!.operations.map(\.name))
    for route in routes {
      let entry = "route '\(route.operation)'"
      guard entryOperations.contains(route.operation) else {
        throw fail(entry, "is not an operation of \(entryService)")
      }
      try checkRange(route.weight, .routeWeight, "\(entry) weight")
      if let target = route.calls, !names.contains(target) {
        throw fail(entry, "unknown service '\(target)'")
      }
    }
    if let cycle = findCycle() {
      throw fail("calls", "cycle \(cycle.joined(separator: " → "))")
    }
  }

  func service(named name: String) -> Service? {
    services.first { $0.name == name }
  }

  /// A call cycle, as the list of services around it, if the graph has one.
  func findCycle() -> [String]? {
    var state: [String: Bool] = [:]  // false: on the current path, true: done
    var path: [String] = []
    func visit(_ name: String) -> [String]? {
      if let done = state[name] {
        if done { return nil }
        return Array(path[path.firstIndex(of: name)!...]) + [name]
      }
      state[name] = false
      path.append(name)
      for call in calls where call.from == name {
        if let cycle = visit(call.to) { return cycle }
      }
      path.removeLast()
      state[name] = true
      return nil
    }
    for service in services {
      if let cycle = visit(service.name) { return cycle }
    }
    return nil
  }
}
