/// A calendar day (no time, no zone), as written in Vietnamese documents.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The year, 1…9999.
  public let year: Int
  /// The month, 1…12.
  public let month: Int
  /// The day of the month, from 1 to the month's last day.
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
    // From the text's own bytes when it has them and they start and end in ASCII (a space
    // at an edge is then an ASCII space); otherwise trimmed as cell text first.
    let direct = text.utf8.withContiguousStorageIfAvailable { bytes -> CalendarDate?? in
      var (lower, upper) = (bytes.startIndex, bytes.endIndex)
      while lower < upper && ASCII.isSpace(bytes[lower]) { lower += 1 }
      while upper > lower && ASCII.isSpace(bytes[upper - 1]) { upper -= 1 }
      guard lower == upper || (bytes[lower] < 0x80 && bytes[upper - 1] < 0x80) else { return .none }
      return .some(Self.parse(UnsafeBufferPointer(rebasing: bytes[lower..<upper])))
    }
    // `direct`: nil without contiguous bytes, .some(nil) for a non-ASCII edge, else the answer.
    let parsed: CalendarDate?
    switch direct {
    case .some(.some(let answer)): parsed = answer
    default: parsed = Array(text.trimmingSpaces.utf8).withUnsafeBufferPointer { Self.parse($0) }
    }
    guard let parsed else { return nil }
    self = parsed
  }

  /// The date written in `bytes`, already trimmed.
  private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
    // Three numbers and their digit counts, without an array: dates are parsed per row.
    var parts = (first: (value: 0, digits: 0), second: (value: 0, digits: 0))
    var partCount = 0
    var separator: UInt8 = 0
    var value = 0
    var digits = 0
    for byte in bytes {
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        guard digits < 4 else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
        digits += 1
      } else if (byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-")) && (separator == 0 || separator == byte)
        && digits > 0 && partCount < 2
      {
        separator = byte
        if partCount == 0 { parts.first = (value, digits) } else { parts.second = (value, digits) }
        partCount += 1
        (value, digits) = (0, 0)
      } else {
        return nil
      }
    }
    guard digits > 0, partCount == 2 else { return nil }
    let third = (value: value, digits: digits)
    if separator == UInt8(ascii: "/"), third.digits == 4 {
      return CalendarDate(year: third.value, month: parts.second.value, day: parts.first.value)
    } else if separator == UInt8(ascii: "-"), parts.first.digits == 4, parts.second.digits == 2, third.digits == 2 {
      return CalendarDate(year: parts.first.value, month: parts.second.value, day: third.value)
    }
    return nil
  }

  /// Whether `lhs` is an earlier day than `rhs`.
  public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// `dd/mm/yyyy`, the way Vietnamese documents write dates.
  public var description: String { "\(Self.pad(day))/\(Self.pad(month))/\(Self.padYear(year))" }

  /// `yyyy-mm-dd`, for machine-readable output.
  public var isoText: String { "\(Self.padYear(year))-\(Self.pad(month))-\(Self.pad(day))" }

  /// Four digits, so that the text parses back (`0001`).
  private static func padYear(_ year: Int) -> String {
    let digits = String(year)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  private static func pad(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

}
