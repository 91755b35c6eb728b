import Testing
@testable import TraceModel
@testable import TraceJSON
@testable import TraceFormats
@testable import TraceGeneration
@testable import Codecs
@testable import Measurement
@testable import Runner
@testable import Reports
@testable import History
@testable import OutputFiles

@Suite struct TraceShapeTests {
  @Test func everyParentExistsInItsTraceAndEnclosesItsChild() throws {
    let dataset = TestData.medium
    var spansByID: [String: Span] = [:]
    for span in dataset.spans { spansByID[span.spanID] = span }
    for span in dataset.spans {
      guard let parentID = span.parentSpanID else { continue }
      let parent = try #require(spansByID[parentID])
      #expect(parent.traceID == span.traceID)
      #expect(parent.startTimeNanos < span.startTimeNanos)
      #expect(parent.endTimeNanos > span.endTimeNanos)
    }
    let roots = dataset.spans.filter(\.isRoot)
    #expect(roots.count == 1_000)
    #expect(roots.allSatisfy { $0.serviceName == "api-gateway" })
  }

  @Test func noTraceHasMoreThanEightSpans() throws {
    let dataset = try TestData.dataset(traces: 5_000)
    let largest = dataset.traces.map(\.spans.count).max()
    #expect(largest == TraceGenerator.maxSpansPerTrace)
  }

  @Test func mediumMeetsTheSeedsRanges() throws {
    let dataset = TestData.medium
    let average = Double(dataset.spans.count) / 1_000
    #expect(average >= 2.5 && average <= 3.0)
    let operations = Set(dataset.spans.map(\.operationName)).count
    #expect(operations >= 40 && operations <= 50)
    let topology = try TestData.topology()
    #expect(Set(dataset.spans.map(\.serviceName)) == Set(topology.services.map(\.name)))
  }

  @Test func smallHasEveryServiceOfTheTopology() throws {
    let dataset = try TestData.dataset(traces: 100)
    #expect(Set(dataset.spans.map(\.serviceName)).count == 13)
  }

  @Test func arrivalOrderIsByEndTimeAndTracesOverlap() throws {
    let dataset = TestData.medium
    let ends = dataset.spans.map(\.endTimeNanos)
    #expect(ends == ends.sorted())
    // A span of another trace arrives between a trace's first and last span.
    var interleavings = 0
    for index in 1..<(dataset.spans.count - 1)
    where dataset.spans[index - 1].traceID == dataset.spans[index + 1].traceID
      && dataset.spans[index].traceID != dataset.spans[index - 1].traceID
    {
      interleavings += 1
    }
    #expect(interleavings > 10)
  }

  @Test func traceOrderGroupsTracesWithParentsFirst() throws {
    let dataset = try TestData.dataset(traces: 300, order: .trace)
    var seenTraces: [String] = []
    var seenSpans = Set<String>()
    for span in dataset.spans {
      if seenTraces.last != span.traceID {
        #expect(!seenTraces.contains(span.traceID))
        seenTraces.append(span.traceID)
      }
      if let parent = span.parentSpanID { #expect(seenSpans.contains(parent)) }
      seenSpans.insert(span.spanID)
    }
    #expect(seenTraces.count == 300)
  }

  @Test func sequentialAndParallelCallsBothOccur() throws {
    let dataset = TestData.medium
    var overlapping = 0
    var sequential = 0
    for trace in dataset.traces {
      let byParent = Dictionary(grouping: trace.spans.filter { !$0.isRoot }, by: { $0.parentSpanID! })
      for siblings in byParent.values where siblings.count > 1 {
        let sorted = siblings.sorted { $0.startTimeNanos < $1.startTimeNanos }
        if sorted[1].startTimeNanos < sorted[0].endTimeNanos { overlapping += 1 } else { sequential += 1 }
      }
    }
    #expect(overlapping > 0)
    #expect(sequential > 0)
  }

  @Test func timestampsStartAtTheSeedsEpoch() throws {
    let dataset = try TestData.dataset(traces: 20)
    let first = try #require(dataset.spans.map(\.startTimeNanos).min())
    #expect(first > DatasetStream.defaultEpochNanos)
    #expect(first < DatasetStream.defaultEpochNanos + 1_000_000_000)
  }
}
