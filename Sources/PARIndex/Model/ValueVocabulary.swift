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
    return notApplicableList.contains(TextFolding.folded(text))
  }

  /// `true` for a yes word, `false` for a no word, `nil` otherwise.
  public static func yesNo(_ text: String) -> Bool? {
    let word = TextFolding.folded(text)
    if yesList.contains(word) { return true }
    if noList.contains(word) { return false }
    return nil
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
    // On the UTF-8 view (`/` and `%` are ASCII, never inside another character's bytes): no
    // grapheme breaking and no copy on the hot path.
    var body = text.trimmingSpaces
    if let slash = body.utf8.firstIndex(of: UInt8(ascii: "/")) {
      guard case .success(let numerator) = FixedDecimal.parse(body[..<slash]),
        case .success(let denominator) = FixedDecimal.parse(body[body.utf8.index(after: slash)...])
      else { return .failure(.notAPercentage) }
      if denominator == .zero { return .failure(.zeroDenominator) }
      if numerator > denominator { return .failure(.ratioAboveOne) }
      let percent = Fraction(Int128(numerator.micros) * 100, Int128(denominator.micros)).reduced()
      return .success(PercentageValue(percent: percent, ratio: (numerator, denominator)))
    }
    if body.utf8.last == UInt8(ascii: "%") { body = body[..<body.utf8.index(before: body.endIndex)].trimmingSpaces }
    guard case .success(let number) = FixedDecimal.parse(body) else { return .failure(.notAPercentage) }
    return .success(PercentageValue(percent: number.fraction.reduced(), ratio: nil))
  }

  /// The percent rounded for display: `85`, `91`, `66.67`.
  public var displayText: String {
    let rounded = percent.rounded(places: 2)
    return rounded.description
  }
}
