import Testing

@testable import TraceHarness

@Suite struct FormatTests {
  @Test func groupsThousandsWithATrueMinus() {
    #expect(Format.grouped(0) == "0")
    #expect(Format.grouped(999) == "999")
    #expect(Format.grouped(131_204) == "131,204")
    #expect(Format.grouped(-1_234_567) == "−1,234,567")
    #expect(Format.grouped(1_234.5) == "1,235")
    #expect(Format.fixed(1.005, 2) == "1.00")  // 1.005 is 1.00499… in binary
    #expect(Format.fixed(-0.25, 1) == "−0.3")  // halves round away from zero
    #expect(Format.fixed(7, 0) == "7")
    #expect(Format.percent(0.0812) == "8.1%")
  }

  @Test func percentKeepsOneDecimalAndNeverHidesASmallChange() {
    #expect(Format.signedPercent(1_812.0 / 131_204) == "+1.4%")
    #expect(Format.signedPercent(-2.0 / 120) == "−1.7%")
    #expect(Format.signedPercent(0.0001) == "+<0.1%")
    #expect(Format.signedPercent(0) == "±0.0%")
  }

  @Test func numbersPrintWholeValuesGroupedAndFractionsExactly() {
    #expect(Format.number(15_210) == "15,210")
    #expect(Format.number(0.25) == "0.25")
    #expect(Format.signed(0) == "±0")
    #expect(Format.signed(-210) == "−210")
  }
}
