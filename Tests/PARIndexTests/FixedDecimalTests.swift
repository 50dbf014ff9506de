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

  /// The 64-bit path gives what 128-bit arithmetic gives, on fractions at every size up to
  /// the edge of 64 bits and past it, signed, with halves and clamping.
  @Test func roundingIn64BitsAgreesWithTheWideReference() {
    var generator = SplitMix64(seed: 14)
    let edges: [Int128] = [
      1, 2, 3, 7, 8, 1_000_000, 999_999, Int128(UInt64.max), Int128(UInt64.max) - 1, Int128(UInt64.max) + 1,
      Int128(Int64.max), Int128(Int64.max) * 1_000_000,
    ]
    var cases: [(Int128, Int128)] = []
    for numerator in edges { for denominator in edges { cases.append((numerator, denominator)) } }
    for _ in 0..<20_000 {
      let bits = Int(generator.next() % 66)
      let numerator = Int128(generator.next() >> 1) >> (63 - min(bits, 63))
      let denominator = max(1, Int128(generator.next() >> 1) >> Int(generator.next() % 64))
      cases.append((numerator, denominator))
      cases.append((numerator * 5, denominator * 2))  // halves
    }
    var disagreements: [String] = []
    for (numerator, denominator) in cases {
      for sign in [Int128(1), -1] {
        let fraction = Fraction(sign * numerator, denominator)
        for places in [0, 2, 3, 6] where fraction.rounded(places: places) != fraction.roundedWide(places: places) {
          disagreements.append("\(fraction) to \(places) places")
        }
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    // A fixed decimal already at the places is itself; one past them rounds half away.
    #expect(FixedDecimal(micros: 250_000).rounded(places: 2) == FixedDecimal(micros: 250_000))
    #expect(FixedDecimal(micros: -255_000).rounded(places: 2) == FixedDecimal(micros: -260_000))
  }

  /// The short comparisons (same denominator, parts within 64 bits) agree with full width,
  /// on parts of every size up to and past 64 bits, signed.
  @Test func comparingIn64BitsAgreesWithTheWideReference() {
    var generator = SplitMix64(seed: 41)
    func part(_ positive: Bool) -> Int128 {
      let value = Int128(generator.next() >> 1) >> Int(generator.next() % 64)
      let wide = generator.next() % 4 == 0 ? value * Int128(generator.next() >> 1) : value
      return positive ? max(1, wide) : (generator.next() % 2 == 0 ? wide : -wide)
    }
    var disagreements: [String] = []
    for _ in 0..<20_000 {
      let left = Fraction(part(false), part(true))
      var right = Fraction(part(false), part(true))
      if generator.next() % 4 == 0 { right = Fraction(part(false), left.denominator) }
      if generator.next() % 8 == 0, left.numerator.magnitude < 1 << 120, left.denominator < 1 << 120 {
        right = Fraction(left.numerator * 3, left.denominator * 3)
      }
      if (left < right) != Fraction.lessWide(left, right) || (left == right) != Fraction.equalWide(left, right) {
        disagreements.append("\(left) vs \(right)")
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    let edge = Fraction(Int128(Int64.max), 1)
    #expect(edge < Fraction(Int128(Int64.max) + 1, 1) && Fraction(Int128(Int64.min), 3) < Fraction(-1, 3))
  }

  @Test func comparesFractionsExactly() {
    #expect(Fraction(1, 2) == Fraction(2, 4))
    #expect(Fraction(7249, 10000) < Fraction(29, 40))  // 0.7249 < 0.725
    #expect(Fraction(2, 3) > Fraction(6666, 10000))
    #expect(Set([Fraction(1, 2), Fraction(3, 6)]).count == 1)
  }
}
