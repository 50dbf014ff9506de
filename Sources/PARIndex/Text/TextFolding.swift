/// Folding a short text for comparison as people read it: trimmed, NFC, lower-cased, inner
/// runs of spaces made one. `Có`, ` CÓ ` and `có` (composed or not) fold alike. Used for the
/// yes/no and not-applicable words and for column names.
enum TextFolding {
  /// Trimmed, NFC, lower-cased, inner runs of spaces made one.
  static func folded(_ text: String) -> String {
    // No word of the vocabulary is longer than this; a long text (a pasted paragraph, or a
    // hostile 100 MB field) is no word, and folding it character by character would be slow.
    guard text.utf8.count <= 64 else { return "" }
    return foldedAnyLength(text)
  }

  /// ``folded(_:)`` without its length limit, for names that are not vocabulary words but
  /// must still compare as people read them (a group's long name, once per unit).
  static func foldedAnyLength(_ text: String) -> String {
    if let folded = foldedASCII(text) { return folded }
    if let folded = foldedByASCIICase(text) { return folded }
    let words = text.unicodeScalars.split(whereSeparator: \.isCellSpace)
    let joined = words.count == 1 ? String(words[0]) : words.map(String.init).joined(separator: " ")
    return joined.nfc.lowercased()
  }

  /// The text folded when folding changes at most its ASCII capitals: NFC, single spaces
  /// between words, and no other scalar that changes when lower-cased (Unicode's
  /// Changes_When_Lowercased, what `lowercased()` maps) — a Vietnamese word as units write it,
  /// `không`, `Có` or `Không đạt`; `nil` for any other text. (An ASCII capital lower-cased
  /// keeps the text NFC: every Latin letter with a mark composes in both cases.)
  private static func foldedByASCIICase(_ text: String) -> String? {
    guard text.isSurelyNFC else { return nil }
    var afterSpace = true  // no space at the start
    var hasCapital = false
    for scalar in text.unicodeScalars {
      if scalar.isCellSpace {
        if afterSpace || scalar != " " { return nil }
        afterSpace = true
      } else {
        if scalar.value >= 0x41 && scalar.value <= 0x5A {
          hasCapital = true
        } else if scalar.properties.changesWhenLowercased {
          return nil
        }
        afterSpace = false
      }
    }
    guard !afterSpace else { return nil }  // nor at the end, and not empty
    guard hasCapital else { return text }
    return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
  }

  /// `folded` for ASCII text, byte by byte (values are mostly numbers, dates and codes);
  /// `nil` when the text has other bytes. The same result: NFC leaves ASCII alone.
  private static func foldedASCII(_ text: String) -> String? {
    var text = text
    return text.withUTF8 { bytes -> String? in
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count)) { folded -> String? in
        var count = 0
        var pendingSpace = false
        for byte in bytes {
          if byte >= 0x80 { return nil }
          if ASCII.isSpace(byte) {
            pendingSpace = count > 0
            continue
          }
          if pendingSpace {
            folded[count] = 0x20
            count += 1
          }
          pendingSpace = false
          folded[count] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
          count += 1
        }
        return String(decoding: UnsafeBufferPointer(rebasing: folded[..<count]), as: UTF8.self)
      }
    }
  }
}
