/// Strict UTF-8 decoding for input files: invalid bytes are an error, never replaced.
enum UTF8Text {
  /// The text, or `nil` when the bytes are not valid UTF-8.
  static func decode(_ bytes: some Collection<UInt8>) -> String? {
    String(validating: bytes, as: UTF8.self)
  }

  /// `String.isSurelyNFC` on valid UTF-8 bytes, without making the string: true when every
  /// scalar is below U+0300, a precomposed letter of U+1E00–U+1EFF (Vietnamese), or one of
  /// the same few punctuation marks. False means "not sure" (normalise to find out).
  static func isSurelyNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let count = bytes.count
    while index < count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
      } else if lead < 0xE0 {
        // Two bytes: U+0080–U+07FF; below U+0300 is lead 0xC2–0xCB.
        if lead >= 0xCC || index + 1 >= count { return false }
        index += 2
      } else if lead < 0xF0, index + 2 < count {
        let scalar =
          (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
        switch scalar {
        case 0x1E00...0x1EFF, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2030, 0x2192, 0x2212,
          0x2264, 0x2265:
          break
        default: return false
        }
        index += 3
      } else {
        return false
      }
    }
    return true
  }

  /// The offset of the first byte that breaks UTF-8, or `nil` when all is valid.
  ///
  /// Checks overlong forms, surrogates and the upper bound U+10FFFF, as the standard asks.
  /// ASCII runs, the common case, cost one comparison per byte.
  static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var index = 0
    let count = bytes.count
    let raw = UnsafeRawBufferPointer(bytes)
    while index < count {
      // Eight ASCII bytes at a time.
      if index + 8 <= count && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        index += 8
        continue
      }
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        upper = 0x9F
      case 0xF0:
        length = 4
        lower = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        upper = 0x8F
      default: return index
      }
      guard index + length <= count else { return index }
      let second = bytes[index + 1]
      guard second >= lower && second <= upper else { return index }
      for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return index }
      index += length
    }
    return nil
  }
}
