/// A calendar day (no time, no zone), as written in Vietnamese documents.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Creates a date when the day exists in that month (leap years included), else `nil`.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Self.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    (self.year, self.month, self.day) = (year, month, day)
  }

  /// Parses `dd/mm/yyyy` (also `d/m/yyyy`) or `yyyy-mm-dd`; `31/02/2025` is rejected.
  public init?(parsing text: some StringProtocol) {
    let trimmed = Substring(text.trimmingSpaces)
    if let parts = Self.numbers(trimmed, separator: "/"), parts.count == 3, parts[2].digits == 4 {
      self.init(year: parts[2].value, month: parts[1].value, day: parts[0].value)
    } else if let parts = Self.numbers(trimmed, separator: "-"), parts.count == 3, parts[0].digits == 4,
      parts[1].digits == 2, parts[2].digits == 2
    {
      self.init(year: parts[0].value, month: parts[1].value, day: parts[2].value)
    } else {
      return nil
    }
  }

  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// `dd/mm/yyyy`, the way Vietnamese documents write dates.
  public var description: String { "\(Self.pad(day))/\(Self.pad(month))/\(year)" }

  /// `yyyy-mm-dd`, for machine-readable output.
  public var isoText: String { "\(year)-\(Self.pad(month))-\(Self.pad(day))" }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  private static func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

  private static func numbers(_ text: Substring, separator: Character) -> [(value: Int, digits: Int)]? {
    let parts = text.split(separator: separator, omittingEmptySubsequences: false)
    var result: [(Int, Int)] = []
    for part in parts {
      guard (1...4).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part)
      else { return nil }
      result.append((value, part.count))
    }
    return result
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and line breaks.
  var trimmingSpaces: SubSequence {
    guard let first = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
    let last = lastIndex(where: { !$0.isWhitespace })!
    return self[first...last]
  }
}
