import Foundation

/// Characters that do not show on screen but change what a text is: format characters
/// (Unicode general category Cf — zero-width space and joiners, the byte order mark, bidi
/// controls) and control characters (Cc). An id holding one looks like another id.
package enum InvisibleCharacter {
  /// Whether `scalar` is invisible in this sense (a tab or line break is not: it shows as a
  /// gap and is trimmed or escaped where it matters).
  static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .format, .control, .unassigned, .privateUse, .surrogate: true
    default: false
    }
  }

  /// `U+200D` for an invisible scalar, `nil` for one that shows.
  static func codePoint(of scalar: Unicode.Scalar) -> String? {
    isInvisible(scalar) ? hex(scalar) : nil
  }

  /// `U+200D ZERO WIDTH JOINER`: the code point and the Unicode name.
  static func described(_ scalar: Unicode.Scalar) -> (codePoint: String, name: String) {
    (hex(scalar), scalar.properties.name ?? scalar.properties.nameAlias ?? controlName(scalar))
  }

  /// Control characters have no Unicode name; the usual ones are named by their alias.
  private static func controlName(_ scalar: Unicode.Scalar) -> String {
    switch scalar.value {
    case 0x00: "NULL"
    case 0x07: "BELL"
    case 0x08: "BACKSPACE"
    case 0x0B: "LINE TABULATION"
    case 0x0C: "FORM FEED"
    case 0x1B: "ESCAPE"
    case 0x7F: "DELETE"
    default: scalar.properties.generalCategory == .control ? "CONTROL" : ""
    }
  }

  /// A control character (Cc) that is not a tab or a line break: ESC, a bell, DEL, C1 controls.
  /// In a name it would be written raw into every output, where a terminal obeys it.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.generalCategory == .control && scalar != "\t" && scalar != "\n" && scalar != "\r"
  }

  /// `text` on one line: each run of tabs and line breaks (Alt+Enter in an Excel cell), with
  /// the spaces around it, becomes one space. A name is printed in tables one line per unit.
  static func singleLine(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
    var result = String.UnicodeScalarView()
    var pendingBreak = false
    for scalar in text.unicodeScalars {
      if scalar == "\t" || scalar == "\n" || scalar == "\r" {
        while result.last == " " { result.removeLast() }
        pendingBreak = true
      } else if pendingBreak && scalar == " " {
        continue
      } else {
        if pendingBreak && !result.isEmpty { result.append(" ") }
        pendingBreak = false
        result.append(scalar)
      }
    }
    return String(result)
  }

  /// Whether `text` shows nothing: only spaces and invisible characters. A reason made of a
  /// zero-width space is no reason.
  static func isBlank(_ text: String) -> Bool {
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.allSatisfy { $0 == 0x20 } }
    return text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || isInvisible($0) }
  }

  /// The first invisible scalar of `text`, if any.
  static func first(in text: String) -> Unicode.Scalar? {
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
    return text.unicodeScalars.first(where: isInvisible)
  }

  /// Bidi controls (U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C) reorder what follows
  /// them on screen; an output for people never carries them raw.
  static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
    default: false
    }
  }

  /// `text` with every bidi control replaced: in JSON by its `\u202E` escape (the same string
  /// to a JSON reader, no reordering on screen), elsewhere by a visible `[U+202E]`. Text
  /// without one is returned as it is, after a scan of its bytes. (Brackets, not angle brackets:
  /// the text may be HTML.)
  package static func escapingBidiControls(in text: String, json: Bool) -> String {
    guard containsBidiControl(text) else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      guard isBidiControl(scalar) else {
        result.append(scalar)
        continue
      }
      let code = hex(scalar)
      result.append(contentsOf: (json ? "\\u" + code.dropFirst(2) : "[" + code + "]").unicodeScalars)
    }
    return String(result)
  }

  private static func hex(_ scalar: Unicode.Scalar) -> String {
    let digits = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  /// Whether `text` holds a bidi control, by its UTF-8 bytes: U+061C is `D8 9C`, U+200E/F
  /// `E2 80 8E/8F`, U+202A–E `E2 80 AA…AE`, U+2066–9 `E2 81 A6…A9`. Vietnamese text is full of
  /// other `E1`/`E2` sequences (ệ, →, ·), so the check looks at the whole sequence: a
  /// 250 MB report is scanned once, at memory speed, and copied only when it needs escaping.
  package static func containsBidiControl(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { containsBidiControl(utf8: $0) }
  }

  /// ``containsBidiControl(_:)`` of UTF-8 text as bytes (a rendered document not yet a `String`).
  package static func containsBidiControl(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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
