/// Text about to be shown to people, made safe to show.
///
/// The renderers (``RankingCSV``, ``ResultsJSON``, ``CouncilReport`` …) give names and titles
/// as the files hold them. A bidi control kept in a name (valid text, so not refused) would
/// reorder on screen whatever follows it; the command line passes everything it writes through
/// ``escapingBidiControls(in:json:)``, and an embedding program that shows a rendered text
/// should do the same.
public enum OutputText {
  /// `text` with every bidi control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)
  /// replaced: inside JSON by its `\u202E` escape (the same string to a JSON reader), elsewhere
  /// by a visible `[U+202E]` (brackets, so that HTML stays HTML). Text without one is returned
  /// unchanged.
  public static func escapingBidiControls(in text: String, json: Bool) -> String {
    InvisibleCharacter.escapingBidiControls(in: text, json: json)
  }
}
