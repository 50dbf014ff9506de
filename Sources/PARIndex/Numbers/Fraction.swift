/// An exact non-reduced fraction `numerator / denominator` with 128-bit parts.
///
/// Used where a value is not a finite decimal: a ratio `2/3`, a weighted survey mean,
/// a unit's exact index `total / maximum`. Comparison is by cross-multiplication, so two
/// indices compare exactly even when their two-decimal roundings are equal.
/// The denominator is always positive. Arithmetic that could overflow returns `nil`,
/// comparisons are exact for any parts (full-width products), and rounding is exact for any
/// parts (a value beyond ``FixedDecimal``'s range is clamped to it); the values this library
/// builds stay far inside the range (parsed numbers are < 10⁹).
public struct Fraction: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The numerator, which carries the sign; not necessarily reduced (see ``reduced()``).
  public let numerator: Int128
  /// The denominator, always positive.
  public let denominator: Int128

  /// `numerator / denominator`, or `nil` for a zero denominator (or a part equal to
  /// `Int128.min`, whose negation does not exist).
  public init?(numerator: Int128, denominator: Int128) {
    guard denominator != 0, numerator != .min, denominator != .min else { return nil }
    self.init(numerator, denominator)
  }

  /// `numerator / denominator` for parts the library knows are valid.
  init(_ numerator: Int128, _ denominator: Int128) {
    precondition(denominator != 0, "Fraction with a zero denominator")
    if denominator < 0 {
      self.numerator = -numerator
      self.denominator = -denominator
    } else {
      self.numerator = numerator
      self.denominator = denominator
    }
  }

  /// The exact value of a decimal: its millionths over 1,000,000.
  public init(_ value: FixedDecimal) { self = value.fraction }

  /// `part / whole × 100`, exact and reduced: an index or a field's index in percent;
  /// `nil` when `whole` is zero.
  public static func percentage(_ part: FixedDecimal, of whole: FixedDecimal) -> Fraction? {
    whole == .zero ? nil : percent(part, of: whole)
  }

  /// `part / whole × 100` for a `whole` the library knows is not zero.
  static func percent(_ part: FixedDecimal, of whole: FixedDecimal) -> Fraction {
    Fraction(Int128(part.micros) * 100, Int128(whole.micros)).reduced()
  }

  /// 0.
  public static let zero = Fraction(0, 1)
  /// 100, for percentages.
  public static let hundred = Fraction(100, 1)

  /// Exact comparison by cross-multiplication, in full width: no overflow for any parts.
  public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
    // Denominators are positive: the same one compares numerators; parts within 64 bits
    // (almost every score and percentage) multiply without a full-width product.
    if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
    if let (left, right) = narrowCrossProducts(lhs, rhs) { return left < right }
    return lessWide(lhs, rhs)
  }

  /// Equal as numbers (`1/2 == 2/4`), consistent with `<`.
  public static func == (lhs: Fraction, rhs: Fraction) -> Bool {
    if lhs.denominator == rhs.denominator { return lhs.numerator == rhs.numerator }
    if let (left, right) = narrowCrossProducts(lhs, rhs) { return left == right }
    return equalWide(lhs, rhs)
  }

  /// `lhs.numerator × rhs.denominator` and `rhs.numerator × lhs.denominator` when every part
  /// fits in 64 bits (the products then fit in 128).
  @inline(__always)
  private static func narrowCrossProducts(_ lhs: Fraction, _ rhs: Fraction) -> (Int128, Int128)? {
    func fits(_ value: Int128) -> Bool { value == Int128(Int64(truncatingIfNeeded: value)) }
    guard fits(lhs.numerator), fits(lhs.denominator), fits(rhs.numerator), fits(rhs.denominator) else { return nil }
    return (lhs.numerator &* rhs.denominator, rhs.numerator &* lhs.denominator)
  }

  /// `<` in full width for any parts (the reference the short paths are tested against).
  static func lessWide(_ lhs: Fraction, _ rhs: Fraction) -> Bool {
    let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
    let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
    return left.high != right.high ? left.high < right.high : left.low < right.low
  }

  /// `==` in full width for any parts.
  static func equalWide(_ lhs: Fraction, _ rhs: Fraction) -> Bool {
    let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
    let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
    return left.high == right.high && left.low == right.low
  }

  /// Hashes the reduced parts, so that equal fractions hash alike.
  public func hash(into hasher: inout Hasher) {
    let divisor = Self.gcd(numerator.magnitude, denominator.magnitude)
    hasher.combine(numerator / Int128(divisor))
    hasher.combine(denominator / Int128(divisor))
  }

  /// `self × other`, or `nil` on overflow.
  public func multiplied(by other: Fraction) -> Fraction? {
    let (n, o1) = numerator.multipliedReportingOverflow(by: other.numerator)
    let (d, o2) = denominator.multipliedReportingOverflow(by: other.denominator)
    return o1 || o2 || n == .min || d == .min ? nil : Fraction(n, d).reduced()
  }

  /// `self ÷ other`, or `nil` on overflow or when `other` is zero.
  public func divided(by other: Fraction) -> Fraction? {
    guard other.numerator != 0, other.numerator != .min else { return nil }
    return multiplied(by: Fraction(other.denominator, other.numerator))
  }

  /// The same value with numerator and denominator divided by their greatest common divisor.
  public func reduced() -> Fraction {
    let divisor = Int128(Self.gcd(numerator.magnitude, denominator.magnitude))
    return divisor > 1 ? Fraction(numerator / divisor, denominator / divisor) : self
  }

  /// The value rounded to `places` fraction digits (0…6), half away from zero.
  ///
  /// This is the only rounding in the library: `2/3` to 2 places is 0.67, `0.125` is 0.13,
  /// `-0.125` is -0.13. Values beyond ``FixedDecimal``'s range are clamped to it (they cannot
  /// arise from parsed inputs).
  public func rounded(places: Int) -> FixedDecimal {
    let magnitude = numerator.magnitude
    let denominator = self.denominator.magnitude
    // Most fractions (scores, percentages of micro-points) fit in 64 bits: the processor
    // divides those, where 128-bit division is a long routine.
    guard magnitude <= UInt128(UInt64.max) && denominator <= UInt128(UInt64.max) else {
      return roundedWide(places: places)
    }
    let places = min(max(places, 0), FixedDecimal.fractionDigits)
    let scale = UInt64(FixedDecimal.power(places))
    let (whole, remainder) = UInt64(magnitude).quotientAndRemainder(dividingBy: UInt64(denominator))
    let (steps, rest) = UInt64(denominator).dividingFullWidth(remainder.multipliedFullWidth(by: scale))
    let fractionSteps = rest >= UInt64(denominator) - rest ? steps + 1 : steps
    return Self.clamped(
      whole: UInt128(whole), fractionSteps: UInt128(fractionSteps), places: places, negative: numerator < 0)
  }

  /// ``rounded(places:)`` in 128-bit arithmetic throughout (any fraction; the reference the
  /// 64-bit path is tested against).
  func roundedWide(places: Int) -> FixedDecimal {
    let places = min(max(places, 0), FixedDecimal.fractionDigits)
    let scale = UInt128(FixedDecimal.power(places))
    let magnitude = numerator.magnitude
    let denominator = self.denominator.magnitude
    // Whole part first, then the remainder's digits; the sign is put back at the end.
    let whole = magnitude / denominator
    let remainder = magnitude % denominator
    // remainder × scale / denominator in full width (remainder < denominator, so the quotient
    // is below `scale`), then half up: the second remainder against the rest of the divisor.
    let (steps, rest) = denominator.dividingFullWidth(remainder.multipliedFullWidth(by: scale))
    let fractionSteps = rest >= denominator - rest ? steps + 1 : steps
    return Self.clamped(whole: whole, fractionSteps: fractionSteps, places: places, negative: numerator < 0)
  }

  /// `whole` and `fractionSteps` steps of 10^−places as micro-units, signed.
  private static func clamped(whole: UInt128, fractionSteps: UInt128, places: Int, negative: Bool) -> FixedDecimal {
    let scale = UInt128(FixedDecimal.power(places))
    let unitMicros = UInt128(FixedDecimal.power(FixedDecimal.fractionDigits - places))
    // Beyond Int64 millionths, the value is clamped (it cannot arise from parsed inputs).
    let limit = UInt128(Int64.max)
    let (wholeMicros, wholeOverflow) = whole.multipliedReportingOverflow(by: scale * unitMicros)
    let (sum, sumOverflow) = wholeMicros.addingReportingOverflow(fractionSteps * unitMicros)
    let micros = wholeOverflow || sumOverflow ? limit : min(sum, limit)
    return FixedDecimal(micros: negative ? -Int64(micros) : Int64(micros))
  }

  /// `numerator/denominator`, as stored (`17/20`).
  public var description: String { "\(numerator)/\(denominator)" }

  static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a == 0 ? 1 : a
  }
}
