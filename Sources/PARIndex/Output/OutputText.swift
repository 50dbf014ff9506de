import Foundation

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
    containsBidiControl(text) ? InvisibleCharacter.escapingBidiControls(in: text, json: json) : text
  }

  /// Whether `text` holds a bidi control, by its UTF-8 bytes: U+061C is `D8 9C`, U+200E/F
  /// `E2 80 8E/8F`, U+202A–E `E2 80 AA…AE`, U+2066–9 `E2 81 A6…A9`. Vietnamese text is full of
  /// other `E1`/`E2` sequences (ệ, →, ·), so the check looks at the whole sequence: a
  /// 250 MB report is scanned once, at memory speed, and copied only when it needs escaping.
  static func containsBidiControl(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return false }
      let count = bytes.count
      // Jump from one lead byte to the next with memchr (the C library's, word at a time).
      func any(_ lead: UInt8, _ isControl: (Int) -> Bool) -> Bool {
        var from = 0
        while from < count, let found = memchr(base + from, Int32(lead), count - from) {
          let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
          if isControl(index) { return true }
          from = index + 1
        }
        return false
      }
      return any(0xD8) { $0 + 1 < count && bytes[$0 + 1] == 0x9C }
        || any(0xE2) { index in
          guard index + 2 < count else { return false }
          let (second, third) = (bytes[index + 1], bytes[index + 2])
          return second == 0x80 && (third == 0x8E || third == 0x8F || (0xAA...0xAE).contains(third))
            || second == 0x81 && (0xA6...0xA9).contains(third)
        }
    }
  }
}
