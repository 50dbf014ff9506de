/// A number as a workbook cell holds it, read exactly and at Excel's own precision.
///
/// The cached value `<v>` is the text of a binary double (`0.8139999999999999`,
/// `3.3000000000000003`, `1.2E-3`); Excel shows it, computes with it and compares it to 15
/// significant digits. This type keeps those 15 digits — rounded half away from zero — as a
/// decimal, so `0.8139999999999999` is 0.814 and never passes through a binary comparison.
/// It is a plain value (a 15-digit mantissa fits a `UInt64`): reading one allocates nothing.
struct ExcelNumber: Sendable, Hashable {
  /// Excel's precision.
  static let significantDigits = 15

  let negative: Bool
  /// The significant digits as an integer, without trailing zeros (0 for zero).
  let mantissa: UInt64
  /// The number of digits of `mantissa`.
  let digitCount: Int
  /// Where the decimal point is: the value is `0.d₁d₂…d_n × 10^pointPosition`.
  let pointPosition: Int

  /// Parses `[-]digits[.digits][E[+|-]digits]`; `nil` for anything else.
  init?(_ text: some StringProtocol) {
    var text = String(text)
    guard let parsed = text.withUTF8({ Self.parse($0) }) else { return nil }
    self = parsed
  }

  private init(negative: Bool, mantissa: UInt64, digitCount: Int, pointPosition: Int) {
    (self.negative, self.mantissa, self.digitCount, self.pointPosition) = (
      negative, mantissa, digitCount, pointPosition
    )
  }

  /// Parses the bytes of a number; `nil` when they are not one.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ExcelNumber? {
    var start = 0
    var end = bytes.count
    while start < end && ASCII.isSpace(bytes[start]) { start += 1 }
    while end > start && ASCII.isSpace(bytes[end - 1]) { end -= 1 }
    var negative = false
    if start < end && (bytes[start] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: "+")) {
      negative = bytes[start] == UInt8(ascii: "-")
      start += 1
    }
    var mantissa: UInt64 = 0
    var kept = 0  // significant digits in the mantissa
    var roundUp = false  // the first digit dropped was 5 or more
    var sawDigit = false
    var sawPoint = false
    var point = 0  // digits before the point, leading zeros not counted
    var exponent = 0
    var index = start
    while index < end {
      let byte = bytes[index]
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        sawDigit = true
        let digit = UInt64(byte - UInt8(ascii: "0"))
        if kept == 0 && digit == 0 {
          if sawPoint { point -= 1 }  // a leading zero after the point moves the point
        } else {
          if kept < significantDigits {
            mantissa = mantissa * 10 + digit
            kept += 1
          } else if kept == significantDigits {
            roundUp = digit >= 5
            kept += 1
          }
          if !sawPoint { point += 1 }
        }
      } else if byte == UInt8(ascii: ".") && !sawPoint {
        sawPoint = true
      } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
        var cursor = index + 1
        var exponentNegative = false
        if cursor < end && (bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "+")) {
          exponentNegative = bytes[cursor] == UInt8(ascii: "-")
          cursor += 1
        }
        guard cursor < end, end - cursor <= 4 else { return nil }
        while cursor < end {
          guard bytes[cursor] >= UInt8(ascii: "0") && bytes[cursor] <= UInt8(ascii: "9") else { return nil }
          exponent = exponent * 10 + Int(bytes[cursor] - UInt8(ascii: "0"))
          cursor += 1
        }
        if exponentNegative { exponent = -exponent }
        break
      } else {
        return nil
      }
      index += 1
    }
    guard sawDigit, end - start <= 1000 else { return nil }
    var digits = min(kept, significantDigits)
    if roundUp {
      mantissa += 1
      if mantissa == 1_000_000_000_000_000 {  // 999…9 rounded up: one digit more
        mantissa = 100_000_000_000_000
        point += 1
      }
    }
    if mantissa == 0 { return ExcelNumber(negative: false, mantissa: 0, digitCount: 0, pointPosition: 0) }
    while mantissa % 10 == 0 { mantissa /= 10 }
    digits = 1
    var rest = mantissa
    while rest >= 10 {
      rest /= 10
      digits += 1
    }
    return ExcelNumber(negative: negative, mantissa: mantissa, digitCount: digits, pointPosition: point + exponent)
  }

  var isZero: Bool { mantissa == 0 }

  /// The exact decimal text, with `.` (`0.814`, `45668`, `96.2` for `scaledBy: 2`).
  func decimalText(scaledBy power: Int = 0) -> String {
    guard mantissa != 0 else { return "0" }
    let point = pointPosition + power
    // At most a sign, "0.", the zeros after the point or the zeros of a whole number, and 15 digits.
    let length = 1 + 2 + max(abs(point), 0) + digitCount
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { buffer in
      var count = 0
      func put(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
      }
      var digits: (UInt64, UInt64) = (0, 0)  // the mantissa's digits, most significant first, 4 bits each
      var rest = mantissa
      for position in stride(from: digitCount - 1, through: 0, by: -1) {
        let digit = rest % 10
        rest /= 10
        if position < 16 { digits.0 |= digit << (4 * UInt64(15 - position)) } else { digits.1 |= digit }
      }
      func digit(_ position: Int) -> UInt8 {
        UInt8(ascii: "0") + UInt8((digits.0 >> (4 * UInt64(15 - position))) & 0xF)
      }
      if negative { put(UInt8(ascii: "-")) }
      if point <= 0 {
        put(UInt8(ascii: "0"))
        put(UInt8(ascii: "."))
        for _ in 0..<(-point) { put(UInt8(ascii: "0")) }
        for position in 0..<digitCount { put(digit(position)) }
      } else if point >= digitCount {
        for position in 0..<digitCount { put(digit(position)) }
        for _ in 0..<(point - digitCount) { put(UInt8(ascii: "0")) }
      } else {
        for position in 0..<point { put(digit(position)) }
        put(UInt8(ascii: "."))
        for position in point..<digitCount { put(digit(position)) }
      }
      return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
    }
  }

  /// The whole part, toward zero, when it fits (a date serial's day).
  var wholePart: Int? {
    guard pointPosition <= 18 else { return nil }
    guard pointPosition > 0 else { return 0 }
    var value = mantissa
    if pointPosition < digitCount {
      for _ in 0..<(digitCount - pointPosition) { value /= 10 }
    } else {
      for _ in 0..<(pointPosition - digitCount) {
        let (product, overflow) = value.multipliedReportingOverflow(by: 10)
        if overflow { return nil }
        value = product
      }
    }
    guard value <= UInt64(Int.max) else { return nil }
    return negative ? -Int(value) : Int(value)
  }
}
