/// An exact decimal number with six fraction digits, stored as a count of millionths.
///
/// Points (0.25), thresholds (90.00) and percentages are exact in this type: no binary
/// floating point is involved anywhere in scoring, sums, comparisons or classification.
/// The stored range is ±9.2 × 10¹², far beyond any score. Every value the public API makes
/// is at most ``FixedDecimal/publicLimit`` (10¹²) in magnitude — parsing rejects anything
/// above ``FixedDecimal/parsingLimit`` (10⁹), ``init(exactly:)`` above the public limit — so
/// that the library's own sums of such values cannot overflow. Arithmetic is the library's
/// business: an embedding program compares, rounds and formats values; it does not add them.
///
/// Rounding is explicit and only half away from zero (``rounded(places:)``); arithmetic
/// on values never rounds.
public struct FixedDecimal: Sendable, Hashable, Comparable {
  /// The number of fraction digits the type holds.
  public static let fractionDigits = 6
  /// 10⁶: the number of stored units in 1.
  public static let unitsPerOne: Int64 = 1_000_000
  /// Parsed values must stay below this (10⁹), so that sums of many cannot overflow.
  public static let parsingLimit: Int64 = 1_000_000_000
  /// The largest magnitude of a value made through the public API (10¹²).
  public static let publicLimit: Int64 = 1_000_000_000_000

  /// The value in millionths.
  public let micros: Int64

  /// A value from a count of millionths; the library's values stay far inside the range.
  init(micros: Int64) { self.micros = micros }

  /// A whole number the library knows to be small (a literal, a count of leaves).
  init(_ integer: Int) { self.micros = Int64(integer) * Self.unitsPerOne }

  /// The whole number `integer`, or `nil` when its magnitude is above ``publicLimit``.
  public init?(exactly integer: Int) {
    guard integer.magnitude <= UInt(Self.publicLimit) else { return nil }
    self.init(integer)
  }

  /// The value of `micros` millionths, or `nil` when its magnitude is above ``publicLimit``.
  public init?(exactlyMicros micros: Int64) {
    guard micros.magnitude <= UInt64(Self.publicLimit) * UInt64(Self.unitsPerOne) else { return nil }
    self.micros = micros
  }

  /// 0.
  public static let zero = FixedDecimal(micros: 0)
  /// 100: the usual scale and the top of every percentage.
  public static let hundred = FixedDecimal(100)

  /// Compares exactly, on the millionths.
  public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool { lhs.micros < rhs.micros }

  /// Exact sum. Values that come from parsing cannot overflow (see ``parsingLimit``).
  static func + (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal {
    FixedDecimal(micros: lhs.micros + rhs.micros)
  }

  /// Exact difference.
  static func - (lhs: FixedDecimal, rhs: FixedDecimal) -> FixedDecimal {
    FixedDecimal(micros: lhs.micros - rhs.micros)
  }

  static func += (lhs: inout FixedDecimal, rhs: FixedDecimal) { lhs = lhs + rhs }

  /// `self + other`, or `nil` when the sum's magnitude is above ``publicLimit``.
  public func adding(_ other: FixedDecimal) -> FixedDecimal? {
    let (sum, overflow) = micros.addingReportingOverflow(other.micros)
    return overflow ? nil : FixedDecimal(exactlyMicros: sum)
  }

  /// `self − other`, or `nil` when the difference's magnitude is above ``publicLimit``.
  public func subtracting(_ other: FixedDecimal) -> FixedDecimal? {
    let (difference, overflow) = micros.subtractingReportingOverflow(other.micros)
    return overflow ? nil : FixedDecimal(exactlyMicros: difference)
  }

  /// Exact product with a whole number, or `nil` when its magnitude is above ``publicLimit``.
  public func multiplied(by count: Int64) -> FixedDecimal? {
    let (product, overflow) = micros.multipliedReportingOverflow(by: count)
    return overflow ? nil : FixedDecimal(exactlyMicros: product)
  }

  /// The value as an exact fraction.
  public var fraction: Fraction { Fraction(Int128(micros), Int128(Self.unitsPerOne)) }

  /// True when the value has no more than `places` fraction digits.
  public func hasAtMost(places: Int) -> Bool {
    micros % Self.power(Self.fractionDigits - min(max(places, 0), Self.fractionDigits)) == 0
  }

  /// The value rounded to `places` fraction digits, half away from zero
  /// (`0.125 → 0.13`, `-0.125 → -0.13`).
  public func rounded(places: Int) -> FixedDecimal {
    // Already at that precision (most claimed points): itself.
    hasAtMost(places: places) ? self : fraction.rounded(places: places)
  }

  /// The smallest positive value with `places` fraction digits, 0…6 (`places: 2` → 0.01).
  public static func step(places: Int) -> FixedDecimal {
    FixedDecimal(micros: power(fractionDigits - min(max(places, 0), fractionDigits)))
  }

  static func power(_ exponent: Int) -> Int64 {
    var result: Int64 = 1
    for _ in 0..<max(0, exponent) { result *= 10 }
    return result
  }
}

extension FixedDecimal: CustomStringConvertible {
  /// The shortest exact text (`0.5`, `12`, `0.000001`), with `.` as decimal point.
  public var description: String {
    var places = Self.fractionDigits
    while places > 0 && hasAtMost(places: places - 1) { places -= 1 }
    return formatted(places: places)
  }
}
