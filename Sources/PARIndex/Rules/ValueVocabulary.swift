/// The words and number forms a unit may write as a leaf's value (DESIGN §5).
///
/// Words are compared after NFC normalisation and, for yes/no and not-applicable words,
/// case-insensitively: `Có`, `CÓ` and `có` (composed or not) are all "yes".
public enum ValueVocabulary {
  /// `N/A`, `KPS`, `không phát sinh` (the task did not arise).
  public static let notApplicableWords: Set<String> = ["n/a", "kps", "không phát sinh"]
  public static let yesWords: Set<String> = ["có", "x", "1", "yes", "đạt"]
  public static let noWords: Set<String> = ["không", "0", "no", "không đạt"]

  /// Whether the text says "not applicable".
  public static func isNotApplicable(_ text: String) -> Bool {
    notApplicableWords.contains(folded(text))
  }

  /// `true` for a yes word, `false` for a no word, `nil` otherwise.
  public static func yesNo(_ text: String) -> Bool? {
    let word = folded(text)
    if yesWords.contains(word) { return true }
    if noWords.contains(word) { return false }
    return nil
  }

  /// Trimmed, NFC, lower-cased, inner runs of spaces made one.
  static func folded(_ text: String) -> String {
    // No word of the vocabulary is longer than this; a long text (a pasted paragraph, or a
    // hostile 100 MB field) is no word, and folding it character by character would be slow.
    guard text.utf8.count <= 64 else { return "" }
    let words = text.unicodeScalars.split(whereSeparator: \.isCellSpace)
    let joined = words.count == 1 ? String(words[0]) : words.map(String.init).joined(separator: " ")
    return joined.nfc.lowercased()
  }
}

/// A percentage as a unit writes it: `85`, `85%`, `85,5 %`, or a ratio `17/20` (85 %).
public struct PercentageValue: Sendable, Hashable {
  /// The value in percent, exact (`17/20` is exactly 85, `1/3` is 100/3).
  public var percent: Fraction
  /// The ratio as written (`182/200`), when the value was a ratio.
  public var ratio: (numerator: FixedDecimal, denominator: FixedDecimal)?

  public static func == (lhs: PercentageValue, rhs: PercentageValue) -> Bool { lhs.percent == rhs.percent }
  public func hash(into hasher: inout Hasher) { hasher.combine(percent) }

  /// Why a text is not a percentage.
  public enum ParseError: Error, Equatable {
    case notAPercentage
    case zeroDenominator
    case ratioAboveOne
  }

  /// Parses a percentage or a ratio; see the type's summary.
  public static func parse(_ text: String) -> Result<PercentageValue, ParseError> {
    var body = text.trimmingSpaces
    if let slash = body.firstIndex(of: "/") {
      guard case .success(let numerator) = FixedDecimal.parse(body[..<slash]),
        case .success(let denominator) = FixedDecimal.parse(body[body.index(after: slash)...])
      else { return .failure(.notAPercentage) }
      if denominator == .zero { return .failure(.zeroDenominator) }
      if numerator > denominator { return .failure(.ratioAboveOne) }
      let percent = Fraction(Int128(numerator.micros) * 100, Int128(denominator.micros)).reduced()
      return .success(PercentageValue(percent: percent, ratio: (numerator, denominator)))
    }
    if body.hasSuffix("%") { body = body.dropLast().trimmingSpaces }
    guard case .success(let number) = FixedDecimal.parse(body) else { return .failure(.notAPercentage) }
    return .success(PercentageValue(percent: number.fraction.reduced(), ratio: nil))
  }

  /// The percent rounded for display: `85`, `91`, `66.67`.
  public var displayText: String {
    let rounded = percent.rounded(places: 2)
    return rounded.description
  }
}
