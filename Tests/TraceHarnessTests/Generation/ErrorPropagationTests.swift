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

@Suite struct ErrorPropagationTests {
  /// Read from the written spans only: a span with no failed child fails at its intrinsic rate, one
  /// with exactly one failed child at 1 − (1 − intrinsic)(1 − propagation).
  @Test func observedErrorRatesFollowIntrinsicPlusPropagated() throws {
    let topology = try TestData.topology()
    let dataset = try TestData.dataset(traces: 20_000, threads: 2)
    var failedChildren: [String: Int] = [:]
    for span in dataset.spans where span.statusCode == 1 {
      if let parent = span.parentSpanID { failedChildren[parent, default: 0] += 1 }
    }
    var clean: [String: (spans: Int, failed: Int)] = [:]
    var oneFailedChild = (spans: 0, failed: 0, expected: 0.0)
    for span in dataset.spans {
      let rate = topology.service(named: span.serviceName)!.errorRate
      switch failedChildren[span.spanID, default: 0] {
      case 0:
        clean[span.serviceName, default: (0, 0)].spans += 1
        clean[span.serviceName, default: (0, 0)].failed += span.statusCode
      case 1:
        oneFailedChild.spans += 1
        oneFailedChild.failed += span.statusCode
        oneFailedChild.expected += 1 - (1 - rate) * (1 - topology.errorPropagationProbability)
      default: break
      }
    }
    for (name, counts) in clean where counts.spans > 2_000 {
      let rate = topology.service(named: name)!.errorRate
      let interval = WilsonInterval(successes: counts.failed, trials: counts.spans)
      // 99.9% would be wider still; 95% intervals of 13 services may miss once, so allow 1.5 widths.
      let slack = (interval.upper - interval.lower) * 0.25
      #expect(rate >= interval.lower - slack && rate <= interval.upper + slack, "\(name)")
    }
    #expect(oneFailedChild.spans > 200)
    let observed = Double(oneFailedChild.failed) / Double(oneFailedChild.spans)
    let expected = oneFailedChild.expected / Double(oneFailedChild.spans)
    #expect(abs(observed - expected) < 0.06)
    #expect(observed > 0.4)  // propagation is real: far above any intrinsic rate
  }

  @Test func failedSpansCarryA5xxStatusAndAnErrorLog() throws {
    let dataset = TestData.medium
    let failed = dataset.spans.filter { $0.statusCode == 1 }
    #expect(failed.count > 20)
    for span in failed {
      #expect(span.logs.contains { $0.event == "error" })
      if let status = span.tags.first(where: { $0.key == "http.status_code" })?.value {
        guard case .int(let code) = status else { Issue.record("status not an int"); continue }
        #expect((500...599).contains(code))
      }
    }
  }
}
