extension FixedDecimal {
  /// The value with exactly `places` fraction digits (`72.5` with 2 places → `"72.50"`).
  ///
  /// A value with more digits than `places` is rounded half away from zero for display;
  /// scoring never relies on this, it rounds explicitly where the methodology does.
  /// - Parameter places: the fraction digits to write, 0 for none (beyond six, zeros).
  /// - Parameter decimalSeparator: `"."` by default, `","` for Vietnamese Excel.
  public func formatted(places: Int, decimalSeparator: String = ".") -> String {
    // Beyond the six digits a value holds, the rest are zeros, written after them.
    let padding = String(repeating: "0", count: max(0, places - Self.fractionDigits))
    let places = min(max(places, 0), Self.fractionDigits)
    let value = hasAtMost(places: places) ? self : rounded(places: places)
    let magnitude = value.micros.magnitude
    let unit = UInt64(Self.unitsPerOne)
    var text = value.micros < 0 ? "-" : ""
    text += String(magnitude / unit)
    if places > 0 {
      let fraction = magnitude % unit / UInt64(Self.power(Self.fractionDigits - places))
      let digits = String(fraction)
      text += decimalSeparator + String(repeating: "0", count: places - digits.count) + digits + padding
    }
    return text
  }
}
