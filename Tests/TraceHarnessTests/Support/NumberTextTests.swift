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

@Suite struct NumberTextTests {
  @Test func groupsThousandsWithATrueMinus() {
    #expect(NumberText.grouped(0) == "0")
    #expect(NumberText.grouped(999) == "999")
    #expect(NumberText.grouped(131_204) == "131,204")
    #expect(NumberText.grouped(-1_234_567) == "−1,234,567")
    #expect(NumberText.grouped(1_234.5) == "1,235")
    #expect(NumberText.fixed(1.005, 2) == "1.00")  // 1.005 is 1.00499… in binary
    #expect(NumberText.fixed(-0.25, 1) == "−0.3")  // halves round away from zero
    #expect(NumberText.fixed(7, 0) == "7")
    #expect(NumberText.percent(0.0812) == "8.1%")
  }

  @Test func percentKeepsOneDecimalAndNeverHidesASmallChange() {
    #expect(NumberText.signedPercent(1_812.0 / 131_204) == "+1.4%")
    #expect(NumberText.signedPercent(-2.0 / 120) == "−1.7%")
    #expect(NumberText.signedPercent(0.0001) == "+<0.1%")
    #expect(NumberText.signedPercent(0) == "±0.0%")
  }

  @Test func numbersPrintWholeValuesGroupedAndFractionsExactly() {
    #expect(NumberText.number(15_210) == "15,210")
    #expect(NumberText.number(0.25) == "0.25")
    #expect(NumberText.signed(0) == "±0")
    #expect(NumberText.signed(-210) == "−210")
  }
}
