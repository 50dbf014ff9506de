import Foundation

extension String {
  /// The text without surrounding cell spaces, in NFC; the string itself (no copy) when it
  /// already is.
  var trimmedNFC: String {
    // The common case in one pass over the bytes: ASCII, no space at either end.
    var copy = self
    let plain = copy.withUTF8 { bytes in
      guard let first = bytes.first, let last = bytes.last else { return true }
      return first > 0x20 && last > 0x20 && bytes.allSatisfy { $0 < 0x80 }
    }
    if plain { return self }
    let trimmed = trimmingSpaces
    let whole = trimmed.startIndex == startIndex && trimmed.endIndex == endIndex
    return whole ? nfc : String(trimmed).nfc
  }

  /// The text in Unicode normalisation form C (composed), as every text in this library is
  /// kept and written: `Xã` typed with a combining accent compares and prints like `Xã`.
  var nfc: String {
    // Most text is already NFC; proving it is much cheaper than normalising.
    isSurelyNFC ? self : precomposedStringWithCanonicalMapping
  }

  /// True when NFC cannot change the text: every scalar is below U+0300 (no combining marks,
  /// no composition exclusions there), or a precomposed Latin letter of U+1E00–U+1EFF (where
  /// Vietnamese letters with two marks live), or one of a few common punctuation marks without
  /// decomposition. Anything else (a combining mark, other scripts) is left to Foundation.
  var isSurelyNFC: Bool {
    if isASCII { return true }
    var copy = self
    return copy.withUTF8 { UTF8Text.isSurelyNFC($0) }
  }

  /// True when every byte is below 0x80; eight bytes at a time over contiguous storage.
  var isASCII: Bool {
    var copy = self
    return copy.withUTF8 { buffer in
      var index = 0
      let count = buffer.count
      let raw = UnsafeRawBufferPointer(buffer)
      while index + 8 <= count {
        if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
        index += 8
      }
      while index < count {
        if buffer[index] >= 0x80 { return false }
        index += 1
      }
      return true
    }
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces (see ``Unicode/Scalar/isCellSpace``).
  /// Works on scalars, not characters: no grapheme breaking for a trim.
  var trimmingSpaces: SubSequence {
    // Most texts do not start or end with a space: nothing to trim, found from two scalars.
    if let first = unicodeScalars.first?.value, let last = unicodeScalars.last?.value,
      first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80
    {
      return self[startIndex..<endIndex]
    }
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.isCellSpace }) else { return self[endIndex...] }
    let last = scalars.lastIndex(where: { !$0.isCellSpace })!
    return self[first..<scalars.index(after: last)]
  }
}

/// Bytes of ASCII text.
enum ASCII {
  /// ASCII spaces, tabs and line breaks (the ASCII part of `Unicode.Scalar.isCellSpace`).
  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
}

extension Unicode.Scalar {
  /// Spaces a cell may carry around its text: ASCII spaces, tabs and line breaks, the
  /// no-break space Excel writes, and a stray byte order mark.
  var isCellSpace: Bool {
    switch value {
    case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x2007, 0x202F, 0x3000, 0xFEFF: true
    default: false
    }
  }
}
