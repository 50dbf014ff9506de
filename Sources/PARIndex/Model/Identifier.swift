/// What an id or a code must be, wherever it comes from (a file, a workbook, a program):
/// not blank, without spaces around it, and without invisible characters — `U1` and `U1` +
/// ZERO WIDTH JOINER look the same on screen, so they must not be two units.
enum Identifier {
  /// The problem with `text` as the id in `field`, or `nil`.
  static func problem(in text: String, field: String) -> Message? {
    if text.allSatisfy(\.isWhitespace) { return .emptyField(column: field) }
    if let invisible = invisibleCharacter(in: text) { return invisible }
    if text.first!.isWhitespace || text.last!.isWhitespace { return .surroundingSpaces }
    return nil
  }

  /// The first invisible or format character of `text`, named (`U+200D ZERO WIDTH JOINER`).
  static func invisibleCharacter(in text: String) -> Message? {
    guard let scalar = InvisibleCharacter.first(in: text) else { return nil }
    let (codePoint, name) = InvisibleCharacter.described(scalar)
    return .invisibleCharacter(codePoint: codePoint, name: name)
  }
}
