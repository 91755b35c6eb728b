import Foundation
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

@Suite struct TopologyTests {
  @Test func theCommittedTopologyDrawsTheSeedsDiagram() throws {
    let topology = try TestData.topology()
    let names = Set(topology.services.map(\.name))
    #expect(names == [
      "api-gateway", "user-service", "auth-service", "auth-db", "profile-db", "order-service",
      "payment-service", "bank-api", "fraud-detection", "inventory-service", "inventory-db",
      "order-db", "warehouse-api",
    ])
    #expect(topology.service(named: "bank-api")?.errorRate == 0.08)
    #expect(topology.service(named: "payment-service")?.errorRate == 0.05)
    #expect(topology.service(named: "bank-api")?.meanLatencyMillis == 800)
  }

  /// Writes a modified copy of the committed topology and returns the load error.
  private func loadError(_ edit: (inout [String: Any]) -> Void) throws -> TopologyError? {
    var object = try JSONSerialization.jsonObject(with: Data(contentsOf: TestData.topologyURL))
      as! [String: Any]
    edit(&object)
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("topology.json")
    try JSONSerialization.data(withJSONObject: object).write(to: url)
    do {
      _ = try Topology.load(from: url)
      return nil
    } catch let error as TopologyError {
      return error
    }
  }

  private func editCalls(_ object: inout [String: Any], _ edit: (inout [[String: Any]]) -> Void) {
    var calls = object["calls"] as! [[String: Any]]
    edit(&calls)
    object["calls"] = calls
  }

  @Test func anUnknownServiceIsNamed() throws {
    let error = try #require(try loadError { object in
      editCalls(&object) { $0[0]["to"] = "ghost-service" }
    })
    #expect(error.entry == "call user-service → ghost-service")
    #expect(error.problem == "unknown service 'ghost-service'")
  }

  @Test func aCycleIsNamed() throws {
    let error = try #require(try loadError { object in
      editCalls(&object) { $0.append(["from": "auth-db", "to": "user-service", "probability": 0.1]) }
    })
    #expect(error.description.contains("cycle user-service → auth-service → auth-db → user-service"))
  }

  @Test func aProbabilityOutsideZeroToOneIsRefused() throws {
    let error = try #require(try loadError { object in
      editCalls(&object) { $0[1]["probability"] = 1.5 }
    })
    #expect(error.entry == "call user-service → profile-db")
    #expect(error.problem == "probability 1.5 is outside 0…1")
  }

  @Test func emptyOperationsAreRefused() throws {
    let error = try #require(try loadError { object in
      var services = object["services"] as! [[String: Any]]
      services[3]["operations"] = [Any]()
      object["services"] = services
    })
    #expect(error.description.hasSuffix("service 'auth-db': has no operations"))
  }

  @Test func aMissingKeyNamesTheEntry() throws {
    let error = try #require(try loadError { object in
      var services = object["services"] as! [[String: Any]]
      services[2].removeValue(forKey: "meanLatencyMillis")
      object["services"] = services
    })
    #expect(error.entry == "services[2]")
    #expect(error.problem == "missing key 'meanLatencyMillis'")
  }
}
