import Testing

@testable import TraceHarness

@Suite struct FigureFormatTests {
  @Test func groupsThousandsWithATrueMinus() {
    #expect(FigureFormat.grouped(0) == "0")
    #expect(FigureFormat.grouped(999) == "999")
    #expect(FigureFormat.grouped(131_204) == "131,204")
    #expect(FigureFormat.grouped(-1_234_567) == "−1,234,567")
  }

  @Test func percentKeepsOneDecimalAndNeverHidesASmallChange() {
    #expect(FigureFormat.percent(1_812.0 / 131_204) == "+1.4%")
    #expect(FigureFormat.percent(-2.0 / 120) == "−1.7%")
    #expect(FigureFormat.percent(0.0001) == "+<0.1%")
    #expect(FigureFormat.percent(0) == "±0.0%")
  }

  @Test func numbersPrintWholeValuesGroupedAndFractionsExactly() {
    #expect(FigureFormat.number(15_210) == "15,210")
    #expect(FigureFormat.number(0.25) == "0.25")
    #expect(FigureFormat.signed(0) == "±0")
    #expect(FigureFormat.signed(-210) == "−210")
  }
}
