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
    (hex(scalar), scalar.properties.name ?? scalar.properties.nameAlias ?? "")
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
    // Every bidi control is encoded in UTF-8 starting with 0xD8 (U+061C) or 0xE2 (the others).
    guard text.utf8.contains(where: { $0 == 0xE2 || $0 == 0xD8 }),
      text.unicodeScalars.contains(where: isBidiControl)
    else { return text }
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
}
