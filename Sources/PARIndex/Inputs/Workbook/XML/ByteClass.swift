/// Byte classification and UTF-8 decoding used by the scanners. ASCII sets are 128-bit masks (two `UInt64`
/// constants), so a test is a shift and an AND with no table in memory and no bounds check.
enum ByteClass {
  /// ASCII name characters: `-` `.` `0-9` `:` `A-Z` `_` `a-z`.
  static let nameLow: UInt64 = 0x07FF_6000_0000_0000
  /// ASCII name start characters below 64: `:`.
  static let nameStartLow: UInt64 = 0x0400_0000_0000_0000
  /// ASCII name (start) characters from 64 to 127: `A-Z` `_` `a-z`.
  static let nameHigh: UInt64 = 0x07FF_FFFE_87FF_FFFE
  /// Character data that needs no attention: printable ASCII but `<` `&` `]`, plus TAB and LF.
  static let textLow: UInt64 = 0xEFFF_FFBF_0000_0600
  /// Character data from 64 to 127, all but `]`.
  static let textHigh: UInt64 = 0xFFFF_FFFF_DFFF_FFFF
  /// Attribute value bytes that need no attention: printable ASCII but `"` `&` `'` `<`.
  static let valueLow: UInt64 = 0xEFFF_FF3B_0000_0000
  /// Comment bytes that need no attention: printable ASCII but `-`, plus TAB, LF, CR.
  static let commentLow: UInt64 = 0xFFFF_DFFF_0000_2600
  /// Processing-instruction bytes that need no attention: printable ASCII but `?`, plus TAB, LF, CR.
  static let piLow: UInt64 = 0x7FFF_FFFF_0000_2600
  /// CDATA bytes that need no attention: printable ASCII (but `]`, see `textHigh`), TAB, LF.
  static let cdataLow: UInt64 = 0xFFFF_FFFF_0000_0600
  /// Every byte from 64 to 127.
  static let allHigh: UInt64 = 0xFFFF_FFFF_FFFF_FFFF

  /// `table` bit: ASCII name character.
  static let nameBit: UInt8 = 1
  /// `table` bit: ASCII name start character.
  static let nameStartBit: UInt8 = 2
  /// `table` bit: character data needing no attention (`textLow`/`textHigh`).
  static let textBit: UInt8 = 4
  /// `table` bit: attribute value byte needing no attention (`valueLow`).
  static let valueBit: UInt8 = 8
  /// `table` bit: comment byte needing no attention (`commentLow`).
  static let commentBit: UInt8 = 16
  /// `table` bit: processing-instruction byte needing no attention (`piLow`).
  static let piBit: UInt8 = 32
  /// `table` bit: CDATA byte needing no attention (`cdataLow`/`textHigh`).
  static let cdataBit: UInt8 = 64
  /// `table` bit: XML white space.
  static let spaceBit: UInt8 = 128

  /// Allocates the 256-entry class table (one load per byte in the scanners, cheaper than the mask tests).
  /// The tokenizer owns and frees it.
  static func makeTable() -> UnsafeMutablePointer<UInt8> {
    let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    for i in 0..<256 {
      let c = UInt8(i)
      var bits: UInt8 = 0
      if isNameASCII(c) { bits |= nameBit }
      if isNameStartASCII(c) { bits |= nameStartBit }
      if test(c, textLow, textHigh) { bits |= textBit }
      if test(c, valueLow, allHigh) { bits |= valueBit }
      if test(c, commentLow, allHigh) { bits |= commentBit }
      if test(c, piLow, allHigh) { bits |= piBit }
      if test(c, cdataLow, textHigh) { bits |= cdataBit }
      if isSpace(c) { bits |= spaceBit }
      t[i] = bits
    }
    return t
  }

  /// Whether ASCII byte `c` is in the set given by its two halves; false for bytes >= 0x80.
  @inline(__always)
  static func test(_ c: UInt8, _ low: UInt64, _ high: UInt64) -> Bool {
    if c < 64 { return (low >> UInt64(c)) & 1 != 0 }
    return c < 128 && (high >> UInt64(c & 63)) & 1 != 0
  }

  /// XML white space: space, TAB, LF, CR.
  @inline(__always)
  static func isSpace(_ c: UInt8) -> Bool {
    c <= 0x20 && (c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D)
  }

  /// Whether ASCII `c` may continue a name.
  @inline(__always)
  static func isNameASCII(_ c: UInt8) -> Bool { test(c, nameLow, nameHigh) }

  /// Whether ASCII `c` may start a name.
  @inline(__always)
  static func isNameStartASCII(_ c: UInt8) -> Bool { test(c, nameStartLow, nameHigh) }

  /// Whether a non-ASCII scalar may start an XML 1.0 name (fifth edition `NameStartChar`).
  static func isNameStartScalar(_ s: UInt32) -> Bool {
    switch s {
    case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
      0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
      return true
    default:
      return false
    }
  }

  /// Whether a non-ASCII scalar may continue an XML 1.0 name (`NameChar`).
  static func isNameScalar(_ s: UInt32) -> Bool {
    isNameStartScalar(s) || s == 0xB7 || (0x300...0x36F).contains(s) || s == 0x203F || s == 0x2040
  }

  /// Whether a code point is an XML 1.0 `Char` (for character references).
  static func isXMLChar(_ s: UInt32) -> Bool {
    switch s {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
    default: return false
    }
  }
}

/// Outcome of decoding one UTF-8 sequence: `length > 0` is a valid scalar, `0` means the bytes ran out in the
/// middle of a sequence that is valid so far, `-1` means invalid bytes.
struct UTF8Step {
  /// Sequence length, 0 (need more) or -1 (invalid).
  var length: Int
  /// The decoded scalar when `length > 0`.
  var scalar: UInt32
}

/// Decodes the multi-byte sequence starting at `b[p]` (which is >= 0x80) without reading at or past `end`.
/// Rejects overlong forms, surrogates and values above U+10FFFF. Decides "invalid" as soon as an available byte
/// is wrong, so the answer never depends on where the input was split.
@inline(__always)
func decodeUTF8(_ b: UnsafePointer<UInt8>, _ p: Int, _ end: Int) -> UTF8Step {
  let c0 = UInt32(b[p])
  if c0 < 0xC2 || c0 > 0xF4 { return UTF8Step(length: -1, scalar: 0) }
  if p + 1 >= end { return UTF8Step(length: 0, scalar: 0) }
  let c1 = UInt32(b[p + 1])
  if c0 < 0xE0 {
    if c1 & 0xC0 != 0x80 { return UTF8Step(length: -1, scalar: 0) }
    return UTF8Step(length: 2, scalar: (c0 & 0x1F) << 6 | (c1 & 0x3F))
  }
  var lo: UInt32 = 0x80
  var hi: UInt32 = 0xBF
  if c0 == 0xE0 {
    lo = 0xA0
  } else if c0 == 0xED {
    hi = 0x9F
  } else if c0 == 0xF0 {
    lo = 0x90
  } else if c0 == 0xF4 {
    hi = 0x8F
  }
  if c1 < lo || c1 > hi { return UTF8Step(length: -1, scalar: 0) }
  if p + 2 >= end { return UTF8Step(length: 0, scalar: 0) }
  let c2 = UInt32(b[p + 2])
  if c2 & 0xC0 != 0x80 { return UTF8Step(length: -1, scalar: 0) }
  if c0 < 0xF0 {
    return UTF8Step(length: 3, scalar: (c0 & 0x0F) << 12 | (c1 & 0x3F) << 6 | (c2 & 0x3F))
  }
  if p + 3 >= end { return UTF8Step(length: 0, scalar: 0) }
  let c3 = UInt32(b[p + 3])
  if c3 & 0xC0 != 0x80 { return UTF8Step(length: -1, scalar: 0) }
  return UTF8Step(length: 4, scalar: (c0 & 0x07) << 18 | (c1 & 0x3F) << 12 | (c2 & 0x3F) << 6 | (c3 & 0x3F))
}

/// Appends the UTF-8 encoding of a valid scalar to `out`.
@inline(__always)
func appendUTF8(_ s: UInt32, to out: inout RawBuffer<UInt8>) {
  if s < 0x80 {
    out.append(UInt8(s))
  } else if s < 0x800 {
    out.append(UInt8(0xC0 | s >> 6))
    out.append(UInt8(0x80 | s & 0x3F))
  } else if s < 0x10000 {
    out.append(UInt8(0xE0 | s >> 12))
    out.append(UInt8(0x80 | (s >> 6) & 0x3F))
    out.append(UInt8(0x80 | s & 0x3F))
  } else {
    out.append(UInt8(0xF0 | s >> 18))
    out.append(UInt8(0x80 | (s >> 12) & 0x3F))
    out.append(UInt8(0x80 | (s >> 6) & 0x3F))
    out.append(UInt8(0x80 | s & 0x3F))
  }
}

/// Counts LF bytes in `p[0..<n]`, sixteen at a time with SIMD compares; used for line numbers in errors.
func countLineFeeds(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
  var i = 0
  var count = 0
  let raw = UnsafeRawPointer(p)
  let lf = SIMD16<UInt8>(repeating: 0x0A)
  let one = SIMD16<UInt8>(repeating: 1)
  let zero = SIMD16<UInt8>()
  while n &- i >= 16 {
    // At most 255 vectors per block, so no lane of `sums` overflows.
    let blockEnd = i &+ min((n &- i) / 16, 255) &* 16
    var sums = SIMD16<UInt8>()
    while i < blockEnd {
      let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
      sums &+= one.replacing(with: zero, where: v .!= lf)
      i &+= 16
    }
    for lane in 0..<16 { count &+= Int(sums[lane]) }
  }
  while i < n {
    if p[i] == 0x0A { count &+= 1 }
    i &+= 1
  }
  return count
}
