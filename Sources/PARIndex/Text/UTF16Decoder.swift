// Decoding UTF-16 (what Excel's "Unicode Text" save writes) to UTF-8, strictly: no replacement characters.

/// A failure to decode UTF-16 text. Offsets are 0-based byte offsets into the input as given (a BOM included).
enum UTF16Error: Error, Equatable, Sendable, CustomStringConvertible {
  /// The input has an odd number of bytes: the single byte at `offset` (the last one) is half a code unit.
  case oddByteCount(offset: Int)

  /// The surrogate code unit `unit` at `offset` has no partner: a high surrogate (D800–DBFF) not followed by a low
  /// one, or a low surrogate (DC00–DFFF) not preceded by a high one.
  case unpairedSurrogate(UInt16, offset: Int)

  /// `UTF16Decoder.decodeWithByteOrderMark` was given input that does not start with FF FE or FE FF.
  case missingByteOrderMark

  /// A short English explanation; the library renders its own user-facing messages from the case's data.
  var description: String {
    switch self {
    case let .oddByteCount(offset):
      return "UTF-16 text has an odd number of bytes: the byte at offset \(offset) is half a code unit"
    case let .unpairedSurrogate(unit, offset):
      let kind = unit < 0xDC00 ? "high" : "low"
      let hex = String(unit, radix: 16, uppercase: true)
      return "unpaired \(kind) surrogate 0x\(hex) at offset \(offset) in UTF-16 text"
    case .missingByteOrderMark:
      return "UTF-16 text does not start with a byte order mark (FF FE or FE FF)"
    }
  }
}

/// Strict UTF-16 to UTF-8 decoding, plus detection of the byte order by BOM or by sniffing.
///
/// Surrogate pairs are combined; an unpaired surrogate or a dangling odd byte is an error naming its offset, never
/// a U+FFFD. Errors are reported in reading order: the first problem in the input is the one thrown.
enum UTF16Decoder {
  /// The order of the two bytes of each code unit.
  enum Endianness: Equatable, Sendable {
    /// Low byte first (FF FE as a BOM): what Windows and Excel write.
    case littleEndian
    /// High byte first (FE FF as a BOM).
    case bigEndian
  }

  /// How many leading bytes `sniff` looks at: enough to be sure, small enough to be cheap on a big file.
  static let sniffWindow = 4096

  /// The byte order named by a byte order mark at the start of `bytes`, or nil if there is none.
  static func byteOrderMark(of bytes: UnsafeRawBufferPointer) -> Endianness? {
    guard bytes.count >= 2 else { return nil }
    switch (bytes[0], bytes[1]) {
    case (0xFF, 0xFE): return .littleEndian
    case (0xFE, 0xFF): return .bigEndian
    default: return nil
    }
  }

  /// The byte order named by a byte order mark at the start of `bytes`, or nil if there is none.
  static func byteOrderMark(of bytes: [UInt8]) -> Endianness? {
    bytes.withUnsafeBytes { byteOrderMark(of: $0) }
  }

  /// Guesses whether `bytes` (without a BOM) are UTF-16 of mostly-Latin text, and in which byte order.
  ///
  /// Looks at the code units in the first `sniffWindow` bytes: Latin and Vietnamese text in UTF-16 has a zero high
  /// byte in most units (ASCII, digits, TAB, CR LF, Latin-1 letters) and almost never a zero low byte, while UTF-8 and
  /// Windows-1258 text has no zero bytes at all. Returns `.littleEndian` when more than half of the odd-offset bytes
  /// and at most one in sixteen of the even-offset bytes are zero, `.bigEndian` for the mirror image, and nil
  /// otherwise (also for fewer than two code units, which is too little to tell). Check `byteOrderMark(of:)` first.
  static func sniff(_ bytes: UnsafeRawBufferPointer) -> Endianness? {
    let units = min(bytes.count, sniffWindow) / 2
    guard units >= 2 else { return nil }
    var zeroEven = 0
    var zeroOdd = 0
    for unit in 0..<units {
      if bytes[2 * unit] == 0 { zeroEven += 1 }
      if bytes[2 * unit + 1] == 0 { zeroOdd += 1 }
    }
    if zeroOdd * 2 > units && zeroEven * 16 <= units { return .littleEndian }
    if zeroEven * 2 > units && zeroOdd * 16 <= units { return .bigEndian }
    return nil
  }

  /// Guesses whether `bytes` (without a BOM) are UTF-16; see `sniff(_:)` above.
  static func sniff(_ bytes: [UInt8]) -> Endianness? {
    bytes.withUnsafeBytes { sniff($0) }
  }

  /// Decodes all of `bytes` as UTF-16 in the given byte order to UTF-8.
  ///
  /// Every code unit is decoded, so a leading BOM matching `endianness` comes out as U+FEFF (EF BB BF), as with
  /// Python's `utf-16-le` / `utf-16-be`; use `decodeWithByteOrderMark(_:)` to have it detected and dropped.
  static func decode(_ bytes: UnsafeRawBufferPointer, endianness: Endianness) throws(UTF16Error) -> [UInt8] {
    try transcode(bytes, from: 0, endianness: endianness)
  }

  /// Decodes all of `bytes` as UTF-16 in the given byte order to UTF-8; see `decode(_:endianness:)` above.
  static func decode(_ bytes: [UInt8], endianness: Endianness) throws(UTF16Error) -> [UInt8] {
    // `withUnsafeBytes` only rethrows untyped errors, so the typed error crosses it inside a `Result`.
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(UTF16Error) in try decode(buffer, endianness: endianness) }
    }
    return try result.get()
  }

  /// Decodes UTF-16 that starts with a byte order mark (FF FE or FE FF) to UTF-8, without the mark.
  ///
  /// Throws `.missingByteOrderMark` when there is none; error offsets count the mark's two bytes.
  static func decodeWithByteOrderMark(_ bytes: UnsafeRawBufferPointer) throws(UTF16Error) -> [UInt8] {
    guard let endianness = byteOrderMark(of: bytes) else { throw .missingByteOrderMark }
    return try transcode(bytes, from: 2, endianness: endianness)
  }

  /// Decodes UTF-16 that starts with a byte order mark to UTF-8; see `decodeWithByteOrderMark(_:)` above.
  static func decodeWithByteOrderMark(_ bytes: [UInt8]) throws(UTF16Error) -> [UInt8] {
    // `withUnsafeBytes` only rethrows untyped errors, so the typed error crosses it inside a `Result`.
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(UTF16Error) in try decodeWithByteOrderMark(buffer) }
    }
    return try result.get()
  }

  /// Decodes `bytes[start...]`, reporting offsets relative to the whole of `bytes`.
  private static func transcode(
    _ bytes: UnsafeRawBufferPointer, from start: Int, endianness: Endianness
  ) throws(UTF16Error) -> [UInt8] {
    // A literal `bigEndian` per call lets the always-inlined loop fold every byte-order test away.
    switch endianness {
    case .littleEndian: return try transcodeLoop(bytes, from: start, bigEndian: false)
    case .bigEndian: return try transcodeLoop(bytes, from: start, bigEndian: true)
    }
  }

  /// The decoding loop. The output buffer is sized for the worst case (three UTF-8 bytes per code unit) so the loop
  /// stores without capacity checks; runs of four ASCII code units are converted with one 64-bit load.
  @inline(__always)
  private static func transcodeLoop(
    _ bytes: UnsafeRawBufferPointer, from start: Int, bigEndian: Bool
  ) throws(UTF16Error) -> [UInt8] {
    let count = bytes.count
    guard let input = bytes.baseAddress, count > start else { return [] }
    // Stop before a dangling odd byte; it is reported after the whole code units before it.
    let end = start + (count - start) / 2 * 2
    // High bytes of four units, as a little-endian load sees them: all must be zero and low bytes below 0x80.
    let asciiMask: UInt64 = bigEndian ? 0x80FF_80FF_80FF_80FF : 0xFF80_FF80_FF80_FF80
    guard end > start else {
      if end < count { throw .oddByteCount(offset: count - 1) }
      return []
    }
    var failure: UTF16Error?
    let utf8 = [UInt8](unsafeUninitializedCapacity: (end - start) / 2 * 3) { output, initializedCount in
      let out = output.baseAddress!
      var read = start
      var written = 0
      while read < end {
        if read + 8 <= end {
          var word = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: read, as: UInt64.self))
          if word & asciiMask == 0 {
            if bigEndian { word >>= 8 }
            // Gather the low byte of each unit (bits 0, 16, 32, 48) into four consecutive bytes.
            let packed = (word & 0xFF) | (word >> 8 & 0xFF00) | (word >> 16 & 0xFF_0000) | (word >> 24 & 0xFF00_0000)
            UnsafeMutableRawPointer(out + written).storeBytes(
              of: UInt32(truncatingIfNeeded: packed).littleEndian, as: UInt32.self)
            read += 8
            written += 4
            continue
          }
        }
        let unit = loadUnit(input, read, bigEndian: bigEndian)
        if unit < 0x80 {
          out[written] = UInt8(truncatingIfNeeded: unit)
          read += 2
          written += 1
        } else if unit < 0x800 {
          out[written] = UInt8(truncatingIfNeeded: 0xC0 | unit >> 6)
          out[written + 1] = UInt8(truncatingIfNeeded: 0x80 | unit & 0x3F)
          read += 2
          written += 2
        } else if unit & 0xF800 != 0xD800 {
          out[written] = UInt8(truncatingIfNeeded: 0xE0 | unit >> 12)
          out[written + 1] = UInt8(truncatingIfNeeded: 0x80 | unit >> 6 & 0x3F)
          out[written + 2] = UInt8(truncatingIfNeeded: 0x80 | unit & 0x3F)
          read += 2
          written += 3
        } else {
          // A surrogate: it must be a high one (D800–DBFF) followed by a low one (DC00–DFFF).
          guard unit < 0xDC00, read + 4 <= end else {
            failure = .unpairedSurrogate(unit, offset: read)
            break
          }
          let low = loadUnit(input, read + 2, bigEndian: bigEndian)
          guard low & 0xFC00 == 0xDC00 else {
            failure = .unpairedSurrogate(unit, offset: read)
            break
          }
          let scalar = 0x10000 + (UInt32(unit & 0x3FF) << 10 | UInt32(low & 0x3FF))
          out[written] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
          out[written + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
          out[written + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
          out[written + 3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
          read += 4
          written += 4
        }
      }
      initializedCount = written
    }
    if let failure { throw failure }
    if end < count { throw .oddByteCount(offset: count - 1) }
    return utf8
  }

  /// The code unit stored at byte `offset` of `input` in the given byte order.
  @inline(__always)
  private static func loadUnit(_ input: UnsafeRawPointer, _ offset: Int, bigEndian: Bool) -> UInt16 {
    let first = UInt16(input.load(fromByteOffset: offset, as: UInt8.self))
    let second = UInt16(input.load(fromByteOffset: offset + 1, as: UInt8.self))
    return bigEndian ? first << 8 | second : second << 8 | first
  }
}
