/// A number as a workbook cell holds it, read exactly and at Excel's own precision.
///
/// The cached value `<v>` is the text of a binary double (`0.8139999999999999`,
/// `3.3000000000000003`, `1.2E-3`); Excel shows it, computes with it and compares it to 15
/// significant digits. This type keeps those 15 digits — rounded half away from zero — as a
/// decimal, so `0.8139999999999999` is 0.814 and never passes through a binary comparison.
struct ExcelNumber: Sendable, Hashable {
  /// Excel's precision.
  static let significantDigits = 15

  let negative: Bool
  /// The significant digits, without leading or trailing zeros (empty for zero).
  let digits: [UInt8]
  /// Where the decimal point is: the value is `0.d₁d₂… × 10^pointPosition`.
  let pointPosition: Int

  /// Parses `[-]digits[.digits][E[+|-]digits]`; `nil` for anything else.
  init?(_ text: some StringProtocol) {
    var bytes = Array(text.utf8)[...]
    while let first = bytes.first, ASCII.isSpace(first) { bytes.removeFirst() }
    while let last = bytes.last, ASCII.isSpace(last) { bytes.removeLast() }
    var negative = false
    if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
      negative = bytes.first == UInt8(ascii: "-")
      bytes.removeFirst()
    }
    var all: [UInt8] = []
    var integerDigits = 0
    var seenPoint = false
    var exponent = 0
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        all.append(byte - UInt8(ascii: "0"))
        if !seenPoint { integerDigits += 1 }
      } else if byte == UInt8(ascii: ".") && !seenPoint {
        seenPoint = true
      } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
        var rest = bytes[(index + 1)...]
        var exponentNegative = false
        if rest.first == UInt8(ascii: "-") || rest.first == UInt8(ascii: "+") {
          exponentNegative = rest.first == UInt8(ascii: "-")
          rest.removeFirst()
        }
        guard !rest.isEmpty, rest.count <= 4, rest.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        exponent = Int(String(decoding: rest, as: UTF8.self))! * (exponentNegative ? -1 : 1)
        break
      } else {
        return nil
      }
      index += 1
    }
    guard !all.isEmpty, all.count <= 1000 else { return nil }
    // Drop leading zeros (moving the point), then round to 15 significant digits.
    var point = integerDigits + exponent
    var start = 0
    while start < all.count && all[start] == 0 {
      start += 1
      point -= 1
    }
    var significant = Array(all[start...])
    if significant.count > Self.significantDigits {
      let roundUp = significant[Self.significantDigits] >= 5
      significant = Array(significant[..<Self.significantDigits])
      if roundUp {
        var position = significant.count - 1
        while position >= 0 {
          if significant[position] == 9 {
            significant[position] = 0
            position -= 1
          } else {
            significant[position] += 1
            break
          }
        }
        if position < 0 {
          significant.insert(1, at: 0)
          significant.removeLast()
          point += 1
        }
      }
    }
    while significant.last == 0 { significant.removeLast() }
    if significant.isEmpty { (negative, point) = (false, 0) }
    (self.negative, digits, pointPosition) = (negative, significant, point)
  }

  var isZero: Bool { digits.isEmpty }

  /// The exact decimal text, with `.` (`0.814`, `45668`, `96.2` for `scaledBy: 2`).
  func decimalText(scaledBy power: Int = 0) -> String {
    guard !digits.isEmpty else { return "0" }
    let point = pointPosition + power
    let text = digits.map { Character(Unicode.Scalar($0 + UInt8(ascii: "0"))) }
    var result = negative ? "-" : ""
    if point <= 0 {
      result += "0." + String(repeating: "0", count: -point) + String(text)
    } else if point >= text.count {
      result += String(text) + String(repeating: "0", count: point - text.count)
    } else {
      result += String(text[..<point]) + "." + String(text[point...])
    }
    return result
  }

  /// The whole part, toward zero, when it fits (a date serial's day).
  var wholePart: Int? {
    guard pointPosition <= 18 else { return nil }
    var value = 0
    for position in 0..<max(0, pointPosition) {
      value = value * 10 + Int(position < digits.count ? digits[position] : 0)
    }
    return negative ? -value : value
  }
}
