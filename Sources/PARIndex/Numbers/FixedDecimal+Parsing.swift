/// Why a text is not a number this library accepts.
public enum NumberSyntaxError: Error, Sendable, Hashable {
  /// Nothing but spaces (`E-NUMBER-EMPTY`).
  case empty
  /// A number with a `+` or `-` sign: values are never negative (`E-NUMBER-SIGNED`).
  case signed
  /// Not digits with at most one decimal separator (`E-NUMBER`).
  case notANumber
  /// More digits after the decimal separator than `allowed` (`E-NUMBER-DECIMALS`).
  case tooManyFractionDigits(allowed: Int)
  /// A number of 1,000,000,000 or more (`E-NUMBER-TOO-LARGE`).
  case tooLarge
}

extension FixedDecimal {
  /// Parses a non-negative decimal strictly: digits with at most one decimal separator,
  /// `.` or `,` (`0.5`, `0,5`, `12`, `.5` is rejected). No sign, exponent, thousands
  /// separator, `NaN` or `inf`. Surrounding spaces are ignored.
  ///
  /// - Parameter text: the number as written.
  /// - Parameter maxFractionDigits: at most 6.
  public static func parse(
    _ text: some StringProtocol, maxFractionDigits: Int = fractionDigits
  ) -> Result<FixedDecimal, NumberSyntaxError> {
    if let result = text.utf8.withContiguousStorageIfAvailable({ parse($0, maxFractionDigits: maxFractionDigits) }) {
      return result
    }
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { parse($0, maxFractionDigits: maxFractionDigits) }
  }

  /// Parses the UTF-8 bytes of a number; see ``parse(_:maxFractionDigits:)``.
  public static func parse(
    _ bytes: UnsafeBufferPointer<UInt8>, maxFractionDigits: Int = fractionDigits
  ) -> Result<FixedDecimal, NumberSyntaxError> {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end && ASCII.isSpace(bytes[start]) { start += 1 }
    while end > start && ASCII.isSpace(bytes[end - 1]) { end -= 1 }
    guard start < end else { return .failure(.empty) }
    if bytes[start] == UInt8(ascii: "-") || bytes[start] == UInt8(ascii: "+") { return .failure(.signed) }

    var integerPart: Int64 = 0
    var integerDigits = 0
    var fractionPart: Int64 = 0
    var fractionDigitCount = 0
    var seenSeparator = false
    var index = start
    while index < end {
      let byte = bytes[index]
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        let digit = Int64(byte - UInt8(ascii: "0"))
        if seenSeparator {
          fractionDigitCount += 1
          if fractionDigitCount > maxFractionDigits {
            // Trailing zeros beyond the limit change nothing and are allowed (Excel pads).
            if digit != 0 { return .failure(.tooManyFractionDigits(allowed: maxFractionDigits)) }
          } else {
            fractionPart = fractionPart * 10 + digit
          }
        } else {
          integerDigits += 1
          integerPart = integerPart * 10 + digit
          if integerPart >= parsingLimit { return .failure(.tooLarge) }
        }
      } else if (byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",")) && !seenSeparator {
        seenSeparator = true
      } else {
        return .failure(.notANumber)
      }
      index += 1
    }
    guard integerDigits > 0, !seenSeparator || fractionDigitCount > 0 else { return .failure(.notANumber) }
    let kept = min(fractionDigitCount, maxFractionDigits)
    let micros = integerPart * unitsPerOne + fractionPart * power(fractionDigits - kept)
    return .success(FixedDecimal(micros: micros))
  }
}
