import Testing
import Reports

/// A file with zero spans made the analyze report divide 0 bytes by 0 (a potential's raw share,
/// `PotentialsSection`), and `Format` trapped converting the NaN to Int64: SIGILL, no report.
@Suite struct FormatNonFiniteTests {
  private static let zero = 0.0

  @Test func aShareOfZeroBytesInZeroIsNoFigureNotACrash() {
    #expect(Format.percent(Self.zero / Self.zero) == "–")
  }

  @Test func infinitiesAndValuesBeyondInt64AreNoFigure() {
    #expect(Format.ratio(1 / Self.zero) == "–")
    #expect(Format.grouped(Self.zero / Self.zero) == "–")
    #expect(Format.fixed(1e30, 1) == "–")
  }

  @Test func finiteValuesAreSpelledAsBefore() {
    #expect(Format.percent(0.0812) == "8.1%")
    #expect(Format.ratio(9.874) == "9.87x")
    #expect(Format.grouped(-134_500) == "−134,500")
  }
}
