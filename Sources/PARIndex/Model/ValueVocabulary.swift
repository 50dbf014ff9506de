import Foundation

/// The words and number forms a unit may write as a leaf's value (docs/SCORING.md §4).
///
/// Words are compared after NFC normalisation and, for yes/no and not-applicable words,
/// case-insensitively: `Có`, `CÓ` and `có` (composed or not) are all "yes".
public enum ValueVocabulary {
  /// `N/A`, `KPS`, `không phát sinh` (the task did not arise).
  public static let notApplicableWords: Set<String> = ["n/a", "kps", "không phát sinh"]
  /// `có`, `x`, `1`, `yes`, `đạt`: a `check` leaf is met.
  public static let yesWords: Set<String> = ["có", "x", "1", "yes", "đạt"]
  /// `không`, `0`, `no`, `không đạt`: a `check` leaf is not met, a `deadline` leaf's task not done.
  public static let noWords: Set<String> = ["không", "0", "no", "không đạt"]

  // The same words as arrays: a dozen short strings compare faster than they hash, and every
  // value of a year is looked up here.
  private static let notApplicableList = Array(notApplicableWords)
  private static let yesList = Array(yesWords)
  private static let noList = Array(noWords)

  // And as their bytes: a value written exactly as a word, already folded (most are: `có`,
  // `không`, `x`), is found by comparing bytes, without folding it.
  private static let notApplicableBytes = notApplicableList.map { Array($0.utf8) }
  private static let yesBytes = yesList.map { Array($0.utf8) }
  private static let noBytes = noList.map { Array($0.utf8) }

  /// Whether the text says "not applicable".
  public static func isNotApplicable(_ text: String) -> Bool {
    // Every word starts with `n` or `k`, in any case: a value that starts with another ASCII
    // character (a number, a date, `có`, an option key) is no such word, without folding it.
    // Folding keeps an ASCII first character that is not a space, lower-cased; others (a space,
    // a no-break space, any non-ASCII) take the full comparison.
    if let first = text.utf8.first, first < 0x80, !ASCII.isSpace(first), first | 0x20 != UInt8(ascii: "n"),
      first | 0x20 != UInt8(ascii: "k")
    {
      return false
    }
    switch exactWord(text) {
    case .notApplicable?: return true
    case .yes?, .no?: return false
    case nil: return notApplicableList.contains(TextFolding.folded(text))
    }
  }

  /// `true` for a yes word, `false` for a no word, `nil` otherwise.
  public static func yesNo(_ text: String) -> Bool? {
    // Every word starts with `c`, `x`, `y`, `k` or `n` in any case, with `đ`, or is `0` or `1`:
    // a value that starts with another ASCII character that is not a space, or with a digit
    // and then such a character (a date, a number), is none, without folding it. (Folding
    // keeps ASCII characters that are not spaces, lower-cased.)
    let bytes = text.utf8
    if let first = bytes.first, first < 0x80, !ASCII.isSpace(first) {
      switch first | 0x20 {
      case UInt8(ascii: "c"), UInt8(ascii: "x"), UInt8(ascii: "y"), UInt8(ascii: "k"), UInt8(ascii: "n"): break
      case UInt8(ascii: "0"), UInt8(ascii: "1"):
        if let second = bytes.dropFirst().first, second < 0x80, !ASCII.isSpace(second) { return nil }
      default: return nil
      }
    }
    switch exactWord(text) {
    case .yes?: return true
    case .no?: return false
    case .notApplicable?: return nil
    case nil: break
    }
    let word = TextFolding.folded(text)
    if yesList.contains(word) { return true }
    if noList.contains(word) { return false }
    return nil
  }

  private enum Word { case notApplicable, yes, no }

  /// Which word `text` is when it is one exactly as folded (no folding can change it then);
  /// `nil` when it is none as written, and must be folded to know.
  private static func exactWord(_ text: String) -> Word? {
    var text = text
    return text.withUTF8 { bytes -> Word? in
      // Every word is at most 17 bytes (`không phát sinh`).
      guard bytes.count <= 32, let base = bytes.baseAddress else { return nil }
      func among(_ words: [[UInt8]]) -> Bool {
        words.contains { word in
          word.count == bytes.count && word.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, bytes.count) == 0 }
        }
      }
      if among(yesBytes) { return .yes }
      if among(noBytes) { return .no }
      if among(notApplicableBytes) { return .notApplicable }
      return nil
    }
  }
}

/// A percentage as a unit writes it: `85`, `85%`, `85,5 %`, or a ratio `17/20` (85 %).
public struct PercentageValue: Sendable, Hashable {
  /// The value in percent, exact (`17/20` is exactly 85, `1/3` is 100/3).
  public var percent: Fraction
  /// The ratio as written (`182/200`), when the value was a ratio.
  public var ratio: (numerator: FixedDecimal, denominator: FixedDecimal)?

  /// The same percentage, however written (`17/20` equals `85%`).
  public static func == (lhs: PercentageValue, rhs: PercentageValue) -> Bool { lhs.percent == rhs.percent }
  /// Hashes the percentage, as ``==(_:_:)`` compares.
  public func hash(into hasher: inout Hasher) { hasher.combine(percent) }

  /// Why a text is not a percentage.
  public enum ParseError: Error, Equatable {
    /// Neither a number, a percentage nor a ratio.
    case notAPercentage
    /// A ratio `n/0`: nothing arose, which some leaves count as not applicable.
    case zeroDenominator
    /// A ratio whose part exceeds its whole (`21/20`).
    case ratioAboveOne
  }

  /// Parses a percentage or a ratio; see the type's summary.
  public static func parse(_ text: String) -> Result<PercentageValue, ParseError> {
    // ASCII text (almost every value) is read from its bytes, without substrings.
    var text = text
    if let result = text.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } ? parse(ascii: bytes) : nil }) {
      return result
    }
    // On the UTF-8 view (`/` and `%` are ASCII, never inside another character's bytes): no
    // grapheme breaking and no copy on the hot path.
    var body = text.trimmingSpaces
    if let slash = body.utf8.firstIndex(of: UInt8(ascii: "/")) {
      return ratio(FixedDecimal.parse(body[..<slash]), FixedDecimal.parse(body[body.utf8.index(after: slash)...]))
    }
    if body.utf8.last == UInt8(ascii: "%") { body = body[..<body.utf8.index(before: body.endIndex)].trimmingSpaces }
    return percent(FixedDecimal.parse(body))
  }

  /// ``parse(_:)`` of ASCII bytes: the same steps, where a cell space is an ASCII space.
  private static func parse(ascii bytes: UnsafeBufferPointer<UInt8>) -> Result<PercentageValue, ParseError> {
    func part(_ range: Range<Int>) -> Result<FixedDecimal, NumberSyntaxError> {
      FixedDecimal.parse(UnsafeBufferPointer(rebasing: bytes[range]))
    }
    var (lower, upper) = (0, bytes.count)
    while lower < upper && ASCII.isSpace(bytes[lower]) { lower += 1 }
    while upper > lower && ASCII.isSpace(bytes[upper - 1]) { upper -= 1 }
    if let slash = bytes[lower..<upper].firstIndex(of: UInt8(ascii: "/")) {
      return ratio(part(lower..<slash), part(slash + 1..<upper))
    }
    if upper > lower && bytes[upper - 1] == UInt8(ascii: "%") {
      upper -= 1
      while upper > lower && ASCII.isSpace(bytes[upper - 1]) { upper -= 1 }
    }
    return percent(part(lower..<upper))
  }

  /// `numerator/denominator` as a percentage: a part of its whole.
  private static func ratio(
    _ numerator: Result<FixedDecimal, NumberSyntaxError>, _ denominator: Result<FixedDecimal, NumberSyntaxError>
  ) -> Result<PercentageValue, ParseError> {
    guard case .success(let numerator) = numerator, case .success(let denominator) = denominator else {
      return .failure(.notAPercentage)
    }
    if denominator == .zero { return .failure(.zeroDenominator) }
    if numerator > denominator { return .failure(.ratioAboveOne) }
    let percent = Fraction(Int128(numerator.micros) * 100, Int128(denominator.micros)).reduced()
    return .success(PercentageValue(percent: percent, ratio: (numerator, denominator)))
  }

  /// A number written in percent.
  private static func percent(_ number: Result<FixedDecimal, NumberSyntaxError>) -> Result<PercentageValue, ParseError>
  {
    guard case .success(let number) = number else { return .failure(.notAPercentage) }
    return .success(PercentageValue(percent: number.fraction.reduced(), ratio: nil))
  }

  /// The percent rounded for display: `85`, `91`, `66.67`.
  public var displayText: String {
    let rounded = percent.rounded(places: 2)
    return rounded.description
  }
}
