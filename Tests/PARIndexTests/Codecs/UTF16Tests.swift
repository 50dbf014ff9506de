import Testing

@testable import PARIndex

/// Strict UTF-16 decoding, BOM handling, every error, Excel's "Unicode Text" file, and the sniffer.
@Suite struct UTF16Tests {
  /// Vietnamese text with letters from U+00xx, U+01xx and U+1Exx.
  static let vietnamese =
    "Ủy ban nhân dân xã Tân Phú; Tỷ lệ hồ sơ giải quyết đúng hạn; Kế hoạch cải cách hành chính năm 2025"

  /// Decodes `text`'s UTF-16 in both byte orders and checks it comes back as its UTF-8.
  func expectRoundTrip(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let expected = Array(text.utf8)
    let little = try UTF16Decoder.decode(utf16Bytes(text), endianness: .littleEndian)
    let big = try UTF16Decoder.decode(utf16Bytes(text, bigEndian: true), endianness: .bigEndian)
    #expect(little == expected, sourceLocation: sourceLocation)
    #expect(big == expected, sourceLocation: sourceLocation)
  }

  /// ASCII of every length up to 40, in both byte orders.
  @Test func ascii() throws {
    // Every length up to 40 crosses the four-unit fast path's boundary in every position.
    let alphabet = Array("Mã\tSTT,\"x\"\r\n0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ~\u{7F}\u{0}")
    for length in 0...40 {
      try expectRoundTrip(String(alphabet.filter(\.isASCII).prefix(length)))
    }
  }

  /// Vietnamese text, and the edges of the two- and three-byte UTF-8 ranges.
  @Test func vietnamese() throws {
    try expectRoundTrip(Self.vietnamese)
    try expectRoundTrip("ĐỒNG THÁP – Ấp Mỹ Lợi; Ữ Ỡ Ợ Ặ Ẫ Ệ Ộ Ự Ỵ ỹ ỳ ỷ ý ỵ ₫")
    // Two-byte UTF-8 at its edges (U+0080, U+07FF) and three-byte at its edges (U+0800, U+D7FF, U+E000, U+FFFF).
    try expectRoundTrip("\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFD}\u{FFFF}")
  }

  /// Characters beyond the BMP, written as surrogate pairs, become four-byte UTF-8.
  @Test func surrogatePairs() throws {
    try expectRoundTrip("Đạt ✅ 👍 𝔸 😀")
    try expectRoundTrip("\u{10000}\u{10FFFF}\u{1F600}")
    #expect(try UTF16Decoder.decode([0x3D, 0xD8, 0x00, 0xDE], endianness: .littleEndian) == [0xF0, 0x9F, 0x98, 0x80])
    #expect(try UTF16Decoder.decode([0xD8, 0x3D, 0xDE, 0x00], endianness: .bigEndian) == [0xF0, 0x9F, 0x98, 0x80])
  }

  /// A BOM selects the byte order and is dropped; with an explicit byte order it is text.
  @Test func byteOrderMark() throws {
    let text = "Tỷ lệ 👍"
    #expect(try UTF16Decoder.decodeWithByteOrderMark([0xFF, 0xFE] + utf16Bytes(text)) == Array(text.utf8))
    let bigEndian = [0xFE, 0xFF] + utf16Bytes(text, bigEndian: true)
    #expect(try UTF16Decoder.decodeWithByteOrderMark(bigEndian) == Array(text.utf8))
    #expect(try UTF16Decoder.decodeWithByteOrderMark([0xFF, 0xFE]) == [])
    #expect(try UTF16Decoder.decodeWithByteOrderMark([0xFE, 0xFF]) == [])
    #expect(UTF16Decoder.byteOrderMark(of: [0xFF, 0xFE, 0x41, 0x00]) == .littleEndian)
    #expect(UTF16Decoder.byteOrderMark(of: [0xFE, 0xFF, 0x00, 0x41]) == .bigEndian)
    #expect(UTF16Decoder.byteOrderMark(of: [0xFF]) == nil)
    #expect(UTF16Decoder.byteOrderMark(of: [0xEF, 0xBB, 0xBF]) == nil)
    // With an explicit byte order, a BOM is an ordinary U+FEFF (as in Python's utf-16-le).
    #expect(try UTF16Decoder.decode([0xFF, 0xFE, 0x41, 0x00], endianness: .littleEndian) == [0xEF, 0xBB, 0xBF, 0x41])
    // Only the first U+FEFF is a BOM; a second one is text.
    #expect(try UTF16Decoder.decodeWithByteOrderMark([0xFF, 0xFE, 0xFF, 0xFE]) == [0xEF, 0xBB, 0xBF])
  }

  /// `decodeWithByteOrderMark` refuses input without FF FE or FE FF.
  @Test func missingByteOrderMark() {
    for input: [UInt8] in [[], [0xFF], [0x41, 0x00], [0xFE, 0xFE, 0x00, 0x41], [0xEF, 0xBB, 0xBF]] {
      #expect(throws: UTF16Error.missingByteOrderMark) { try UTF16Decoder.decodeWithByteOrderMark(input) }
    }
  }

  /// A dangling last byte is an error naming its offset, in both byte orders and after a BOM.
  @Test func oddByteCount() {
    for endianness in [UTF16Decoder.Endianness.littleEndian, .bigEndian] {
      #expect(throws: UTF16Error.oddByteCount(offset: 0)) { try UTF16Decoder.decode([0x41], endianness: endianness) }
      #expect(throws: UTF16Error.oddByteCount(offset: 2)) {
        try UTF16Decoder.decode([0x41, 0x00, 0x42], endianness: endianness)
      }
      // After a four-unit fast-path run.
      #expect(throws: UTF16Error.oddByteCount(offset: 10)) {
        try UTF16Decoder.decode(utf16Bytes("abcde") + [0x0A], endianness: endianness)
      }
    }
    // Offsets count the BOM.
    #expect(throws: UTF16Error.oddByteCount(offset: 2)) {
      try UTF16Decoder.decodeWithByteOrderMark([0xFF, 0xFE, 0x41])
    }
    #expect(throws: UTF16Error.oddByteCount(offset: 4)) {
      try UTF16Decoder.decodeWithByteOrderMark([0xFE, 0xFF, 0x00, 0x41, 0x00])
    }
  }

  /// Every kind of unpaired surrogate is an error naming the unit and its offset.
  @Test func unpairedSurrogates() {
    let cases: [(units: [UInt16], error: UTF16Error)] = [
      ([0xD83D], .unpairedSurrogate(0xD83D, offset: 0)),  // high at the end
      ([0x41, 0xD83D, 0x41], .unpairedSurrogate(0xD83D, offset: 2)),  // high then not-a-surrogate
      ([0xD83D, 0xD83D, 0xDE00], .unpairedSurrogate(0xD83D, offset: 0)),  // high then high
      ([0xDE00], .unpairedSurrogate(0xDE00, offset: 0)),  // low alone
      ([0xDE00, 0xD83D], .unpairedSurrogate(0xDE00, offset: 0)),  // low before high
      ([0x61, 0x62, 0x63, 0x64, 0x65, 0xDFFF], .unpairedSurrogate(0xDFFF, offset: 10)),  // after a fast-path run
      ([0xD800, 0xDC00, 0xDBFF, 0xDFFF, 0xDC00], .unpairedSurrogate(0xDC00, offset: 8)),  // after two good pairs
    ]
    for (units, error) in cases {
      let little = units.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
      let big = units.flatMap { [UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] }
      #expect(throws: error) { try UTF16Decoder.decode(little, endianness: .littleEndian) }
      #expect(throws: error) { try UTF16Decoder.decode(big, endianness: .bigEndian) }
    }
    // With a BOM the offset counts it; the first problem in reading order wins over a later odd byte.
    #expect(throws: UTF16Error.unpairedSurrogate(0xDE00, offset: 4)) {
      try UTF16Decoder.decodeWithByteOrderMark([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xDE, 0x41])
    }
    // A high surrogate whose partner is cut off by the end of the input is unpaired, not an odd byte count.
    #expect(throws: UTF16Error.unpairedSurrogate(0xD83D, offset: 0)) {
      try UTF16Decoder.decode([0x3D, 0xD8, 0x00], endianness: .littleEndian)
    }
  }

  /// The English descriptions name what went wrong and where.
  @Test func errorDescriptions() {
    #expect(UTF16Error.oddByteCount(offset: 9).description.contains("offset 9"))
    #expect(UTF16Error.unpairedSurrogate(0xD83D, offset: 4).description.contains("high surrogate 0xD83D at offset 4"))
    #expect(UTF16Error.unpairedSurrogate(0xDE00, offset: 4).description.contains("low surrogate 0xDE00"))
    #expect(UTF16Error.missingByteOrderMark.description.contains("byte order mark"))
  }

  /// Random code units, many of them surrogates, decode as the standard library's validator says.
  @Test func randomUnitsAgreeWithTheStandardLibrary() throws {
    var random = CodecRandom(seed: 16)
    var valid = 0
    for _ in 0..<3000 {
      // Mostly ASCII and BMP, with surrogates common enough to make both pairs and strays.
      let units: [UInt16] = (0..<Int.random(in: 0...24, using: &random)).map { _ in
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<4: return UInt16.random(in: 0...0x7F, using: &random)
        case 4..<6: return UInt16.random(in: 0...0xFFFF, using: &random)
        case 6..<8: return UInt16.random(in: 0xD800...0xDBFF, using: &random)
        default: return UInt16.random(in: 0xDC00...0xDFFF, using: &random)
        }
      }
      let little = units.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
      if let text = String(validating: units, as: UTF16.self) {
        valid += 1
        #expect(try UTF16Decoder.decode(little, endianness: .littleEndian) == Array(text.utf8))
      } else {
        #expect(throws: UTF16Error.self) { try UTF16Decoder.decode(little, endianness: .littleEndian) }
      }
    }
    #expect(valid > 300)
  }

  /// A file as Excel's "Unicode Text" save writes it (fixture from Python) decodes to its UTF-8 twin.
  @Test func excelUnicodeTextFile() throws {
    let file = try CodecFixture.bytes("excel-unicode-text.txt")
    let expected = try CodecFixture.bytes("excel-unicode-text.utf8.txt")
    #expect(UTF16Decoder.byteOrderMark(of: file) == .littleEndian)
    let decoded = try UTF16Decoder.decodeWithByteOrderMark(file)
    #expect(decoded == expected)
    let text = String(decoding: decoded, as: UTF8.self)
    // Swift treats CR LF as one Character, so split on it; the quoted cell's LF stays inside its row.
    let rows = text.split(separator: "\r\n")
    #expect(rows.count == 5)
    #expect(rows[0].split(separator: "\t").count == 7)
    #expect(rows[0].split(separator: "\t")[1] == "Mã hồ sơ")
    #expect(rows[2].hasSuffix("\t\"Dòng 1\nDòng 2\""))
    #expect(rows[4].hasSuffix("Đạt ✅ 👍 𝔸"))
    // The same file without its BOM is recognised by the sniffer.
    #expect(UTF16Decoder.sniff(Array(file.dropFirst(2))) == .littleEndian)
  }

  /// The sniffer recognises BOM-less UTF-16 of Latin text and nothing else.
  @Test func sniffer() throws {
    #expect(UTF16Decoder.sniff(utf16Bytes("STT\tTên\r\n1\tA\r\n")) == .littleEndian)
    #expect(UTF16Decoder.sniff(utf16Bytes("STT\tTên\r\n1\tA\r\n", bigEndian: true)) == .bigEndian)
    #expect(UTF16Decoder.sniff(utf16Bytes(Self.vietnamese)) == .littleEndian)
    #expect(UTF16Decoder.sniff(utf16Bytes(Self.vietnamese, bigEndian: true)) == .bigEndian)
    #expect(UTF16Decoder.sniff(utf16Bytes("ab")) == .littleEndian)
    // Too short to tell, or not UTF-16-looking.
    #expect(UTF16Decoder.sniff(utf16Bytes("a")) == nil)
    #expect(UTF16Decoder.sniff([]) == nil)
    #expect(UTF16Decoder.sniff(Array(Self.vietnamese.utf8)) == nil)
    #expect(UTF16Decoder.sniff(try CodecFixture.bytes("vietnamese.cp1258")) == nil)
    #expect(UTF16Decoder.sniff([UInt8](repeating: 0, count: 100)) == nil)
    #expect(UTF16Decoder.sniff(utf16Bytes("中文文本，没有零字节。")) == nil)
    // Only the first window counts: UTF-16 after 4 KiB of UTF-8 is not seen.
    let late = [UInt8](repeating: UInt8(ascii: "x"), count: UTF16Decoder.sniffWindow) + utf16Bytes("late text")
    #expect(UTF16Decoder.sniff(late) == nil)
  }
}
