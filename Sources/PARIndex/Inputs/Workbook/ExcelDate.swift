/// Excel's day numbers (date serials) as calendar days.
///
/// In the 1900 system (the default) day 1 is 1 January 1900 and day 60 is 29 February 1900,
/// a day that never existed (Lotus 1-2-3's leap-year bug, kept by Excel), so days after it are
/// one ahead. In the 1904 system (old Mac workbooks, `date1904`) day 0 is 1 January 1904.
/// A time of day (the fraction) is dropped: a deadline is met or missed by the day.
enum ExcelDate {
  enum Failure: Error, Equatable {
    /// Day 60 of the 1900 system.
    case february29of1900
    /// Before the system's first day, or beyond the year 9999.
    case outOfRange
  }

  static func date(serial: ExcelNumber, uses1904: Bool) throws(Failure) -> CalendarDate {
    guard !serial.negative, let day = serial.wholePart, day <= 2_958_465 else { throw .outOfRange }
    if uses1904 { return add(days: day, to: CalendarDate(year: 1904, month: 1, day: 1)!) }
    guard day >= 1 else { throw .outOfRange }
    if day == 60 { throw .february29of1900 }
    // Day 1 is 1900-01-01; after the fictitious 29 February, one day less.
    return add(days: (day < 60 ? day : day - 1) - 1, to: CalendarDate(year: 1900, month: 1, day: 1)!)
  }

  /// `start` plus `days` days.
  static func add(days: Int, to start: CalendarDate) -> CalendarDate {
    // Through a day count from 0001-01-01 (proleptic Gregorian), and back.
    let total = ordinal(start) + days
    var year = 400 * (total / 146_097) + 1
    var rest = total % 146_097
    while true {
      let length = isLeap(year) ? 366 : 365
      if rest < length { break }
      rest -= length
      year += 1
    }
    var month = 1
    while true {
      let length = CalendarDate.daysIn(month: month, year: year)
      if rest < length { break }
      rest -= length
      month += 1
    }
    return CalendarDate(year: year, month: month, day: rest + 1)!
  }

  /// Days from 0001-01-01 to `date`.
  static func ordinal(_ date: CalendarDate) -> Int {
    let years = date.year - 1
    var days = years * 365 + years / 4 - years / 100 + years / 400
    for month in 1..<date.month { days += CalendarDate.daysIn(month: month, year: date.year) }
    return days + date.day - 1
  }

  private static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }
}

extension ExcelDate {
  /// The 1900-system day number of `date`, as a workbook stores it; for days from 1 March 1900
  /// (every date a deadline holds), so Lotus's fictitious 29 February is already counted.
  static func serial(of date: CalendarDate) -> Int {
    ordinal(date) - ordinal(CalendarDate(year: 1899, month: 12, day: 30)!)
  }
}
