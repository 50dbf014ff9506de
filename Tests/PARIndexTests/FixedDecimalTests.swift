import Testing

@testable import PARIndex

struct FixedDecimalTests {
  @Test(
    arguments: [
      ("0.5", 500_000), ("0,5", 500_000), ("12", 12_000_000), (" 7,25 ", 7_250_000), ("0.000001", 1),
      ("100", 100_000_000), ("1.50000000", 1_500_000),
    ] as [(String, Int64)])
  func parsesStrictDecimals(text: String, micros: Int64) throws {
    #expect(try FixedDecimal.parse(text).get().micros == micros)
  }

  @Test(arguments: [
    "12abc", "1.2.3", "1e3", "", "  ", "-1", "-0", "+1", ".5", "5.", "1,2,3", "NaN", "inf", "1 000", "0x10", "١٢",
  ])
  func rejectsWhatIsNotAPlainNumber(text: String) {
    #expect(throws: NumberSyntaxError.self) { try FixedDecimal.parse(text).get() }
  }

  @Test func rejectsNumbersBeyondTheRangeInsteadOfTrapping() {
    #expect(FixedDecimal.parse("1000000000") == .failure(.tooLarge))
    #expect(FixedDecimal.parse(String(repeating: "9", count: 40)) == .failure(.tooLarge))
    #expect(FixedDecimal.parse("999999999.999999") == .success(FixedDecimal(micros: 999_999_999_999_999)))
  }

  @Test func limitsFractionDigits() {
    #expect(FixedDecimal.parse("0.12345", maxFractionDigits: 4) == .failure(.tooManyFractionDigits(allowed: 4)))
    #expect(FixedDecimal.parse("0.1234567") == .failure(.tooManyFractionDigits(allowed: 6)))
  }

  // Half away from zero at x.xx5: 0.125 → 0.13; 2.675 → 2.68 (a Double holds 2.67499999… and
  // would give 2.67); 0.005 → 0.01; 0.124999 → 0.12.
  @Test(
    arguments: [
      ("0.125", 2, "0.13"), ("2.675", 2, "2.68"), ("0.005", 2, "0.01"), ("0.124999", 2, "0.12"), ("72.5", 0, "73"),
      ("1.0049", 2, "1.00"), ("99.995", 2, "100.00"),
    ] as [(String, Int, String)])
  func roundsHalfAwayFromZero(text: String, places: Int, expected: String) {
    #expect(decimal(text).rounded(places: places).formatted(places: places) == expected)
  }

  @Test func roundsNegativeValuesAwayFromZero() {
    #expect(FixedDecimal(micros: -125_000).rounded(places: 2) == FixedDecimal(micros: -130_000))
  }

  @Test func formatsWithFixedDecimals() {
    #expect(decimal("72.5").formatted(places: 2) == "72.50")
    #expect(decimal("72.5").formatted(places: 2, decimalSeparator: ",") == "72,50")
    #expect(FixedDecimal(3).formatted(places: 0) == "3")
    #expect(decimal("0.25").description == "0.25")
    #expect(FixedDecimal(micros: -500_000).formatted(places: 2) == "-0.50")
  }

  // 2/3 = 0.666… → 0.67; 1/3 → 0.33; 100 × 2/3 = 66.666… → 66.67; 1/8 = 0.125 → 0.13.
  @Test func roundsFractionsOnce() {
    #expect(Fraction(2, 3).rounded(places: 2) == decimal("0.67"))
    #expect(Fraction(1, 3).rounded(places: 2) == decimal("0.33"))
    #expect(Fraction(200, 3).rounded(places: 2) == decimal("66.67"))
    #expect(Fraction(1, 8).rounded(places: 2) == decimal("0.13"))
    #expect(Fraction(-1, 8).rounded(places: 2) == FixedDecimal(micros: -130_000))
  }

  @Test func comparesFractionsExactly() {
    #expect(Fraction(1, 2) == Fraction(2, 4))
    #expect(Fraction(7249, 10000) < Fraction(29, 40))  // 0.7249 < 0.725
    #expect(Fraction(2, 3) > Fraction(6666, 10000))
    #expect(Set([Fraction(1, 2), Fraction(3, 6)]).count == 1)
  }
}
