/// Values a rule accepts but that are almost certainly not what the unit meant — each one a
/// warning (`W-…`) naming the cell and what to write instead; the ranking is still produced.
///
/// - A percentage written as a fraction of 1 (`0,962`, what Excel leaves when a `%` format is
///   lost) on a leaf whose thresholds or target are above 1.
/// - A count written like a thousands group (`1.234`) on a leaf whose thresholds are whole numbers.
/// - A date more than a quarter before the year assessed (before 1 October of the year before:
///   a plan issued in December for the next year is usual, one of the spring before is a typo),
///   or in a year after the next.
/// - A date `dd/mm/yyyy` that also reads as a valid `mm/dd/yyyy` (as English-locale Excel writes)
///   and would then fall on the other side of the deadline.
public enum Plausibility {
  /// The warnings for `value`, which `leaf`'s rule scored with `reasoning`, in a set for `year`.
  public static func warnings(for value: String, leaf: CriteriaNode, reasoning: Reasoning, year: Int) -> [Message] {
    switch reasoning {
    case .tiers(let percentage, _, _):
      guard case .tiers(let tiers)? = leaf.rule, let highest = tiers.first?.threshold else { return [] }
      // Tiers run from the highest threshold down.
      var found = fraction(value, percentage, above: highest)
      if let whole = thousands(value), tiers.allSatisfy({ $0.threshold.hasAtMost(places: 0) }) {
        found.append(.thousandsGroup(shown: whole))
      }
      return found
    case .proportional(let percentage, let target, _, _):
      return fraction(value, percentage, above: target)
    case .surveyGiven(_, let percentage):
      return fraction(value, percentage, above: FixedDecimal(1))
    case .deadline(let date?, let due, let lateUntil, let outcome):
      var found: [Message] = []
      // A set's year is 2000…2100 (checked with the set); any other year given here has no warning.
      if let start = CalendarDate(year: year &- 1, month: 10, day: 1), year > Int.min, date < start {
        found.append(.dateBeforeYear(year: year))
      }
      if year < Int.max, date.year > year + 1 { found.append(.dateFarAfterYear(year: year)) }
      if date.day <= 12, date.month != date.day, let swapped = swappedReading(value), let own = reading(outcome) {
        let other: Message.DeadlineReading =
          swapped <= due ? .onTime : (lateUntil.map { swapped > $0 } ?? false) ? .tooLate : .late
        if other != own { found.append(.dateAmbiguous(other: swapped.description, outcome: own, otherOutcome: other)) }
      }
      return found
    default:
      return []
    }
  }

  /// `0,962` on a leaf measured in percent above 1: most likely 96,2 %.
  private static func fraction(_ value: String, _ percentage: PercentageValue, above bound: FixedDecimal) -> [Message] {
    // The cheap tests first: most values are not below 1.
    guard percentage.percent < Fraction(1, 1), percentage.percent > .zero, percentage.ratio == nil,
      bound > FixedDecimal(1),
      !value.utf8.contains(UInt8(ascii: "%"))
    else { return [] }
    // As the unit wrote it, with its own decimal separator: 0,962 → 96,2.
    let hundredfold = percentage.percent.multiplied(by: Fraction(100, 1))?.rounded(places: 4) ?? .zero
    let separator = value.contains(",") ? "," : "."
    return [.percentAsFraction(shown: hundredfold.description.replacingAll(".", with: separator))]
  }

  /// `1.234` or `1,234`: one to three digits, a separator, exactly three digits. The whole
  /// number it most likely means, or `nil`.
  static func thousands(_ value: String) -> String? {
    guard (5...7).contains(value.utf8.count) || value.utf8.count > 7 && value.trimmingSpaces.utf8.count <= 7 else {
      return nil
    }
    let text = value.trimmingSpaces.utf8
    guard let separator = text.firstIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }) else {
      return nil
    }
    let head = text[..<separator]
    let tail = text[text.index(after: separator)...]
    let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    guard (1...3).contains(head.count), tail.count == 3, head.allSatisfy(isDigit), tail.allSatisfy(isDigit) else {
      return nil
    }
    guard head.first != UInt8(ascii: "0") else { return nil }
    return String(decoding: head, as: UTF8.self) + String(decoding: tail, as: UTF8.self)
  }

  /// The date `dd/mm/yyyy` read the other way round (`mm/dd/yyyy`), when that is a date too.
  static func swappedReading(_ value: String) -> CalendarDate? {
    guard value.utf8.contains(UInt8(ascii: "/")) else { return nil }
    let parts = value.trimmingSpaces.split(separator: "/")
    guard parts.count == 3, let first = Int(parts[0]), let second = Int(parts[1]), let year = Int(parts[2]),
      parts[2].count == 4, first <= 12, second <= 12, first != second
    else { return nil }
    return CalendarDate(year: year, month: first, day: second)
  }

  private static func reading(_ outcome: Reasoning.DeadlineOutcome) -> Message.DeadlineReading? {
    switch outcome {
    case .onTime: .onTime
    case .late: .late
    case .tooLate: .tooLate
    case .notDone: nil
    }
  }
}
