import Testing
import Reports

/// A file with zero spans made the analyze report divide 0 bytes by 0 (a potential's raw share,
/// `PotentialsSection`), and `NumberText` trapped converting the NaN to Int64: SIGILL, no report.
@Suite struct NumberTextNonFiniteTests {
  private static let zero = 0.0

  @Test func aShareOfZeroBytesInZeroIsNoFigureNotACrash() {
    #expect(NumberText.percent(Self.zero / Self.zero) == "–")
  }

  @Test func infinitiesAndValuesBeyondInt64AreNoFigure() {
    #expect(NumberText.ratio(1 / Self.zero) == "–")
    #expect(NumberText.grouped(Self.zero / Self.zero) == "–")
    #expect(NumberText.fixed(1e30, 1) == "–")
  }

  @Test func finiteValuesAreSpelledAsBefore() {
    #expect(NumberText.percent(0.0812) == "8.1%")
    #expect(NumberText.ratio(9.874) == "9.87x")
    #expect(NumberText.grouped(-134_500) == "−134,500")
  }
}
