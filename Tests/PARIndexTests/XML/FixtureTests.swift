import Testing

@testable import PARIndex

/// Hand-written SpreadsheetML parts: their event streams, every split point, every truncation, and seeded
/// random mutations (whole input and random chunkings must agree on events and error).
@Suite struct FixtureTests {
  static let names = [
    "workbook.xml", "workbook.xml.rels", "sharedStrings.xml", "styles.xml", "sheet1.xml", "sheet2.xml",
  ]

  /// The workbook part: sheets, relationship ids, defined names.
  @Test func workbook() throws {
    let t = checkSplits(try fixture("workbook.xml"))
    #expect(t.error == nil)
    let r = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    #expect(t.events.contains(#"<\#(mainNamespace)sheet name="Hồ sơ" sheetId="1" \#(r)id="rId1"/>"#))
    #expect(
      t.events.contains(
        #"<\#(mainNamespace)sheet name="Tổng hợp & báo cáo" sheetId="2" state="hidden" \#(r)id="rId2"/>"#))
    #expect(t.events.contains("\"'Hồ sơ'!$A$1:$F$10\""))
    let mc = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
    #expect(t.events.first?.hasPrefix("<\(mainNamespace)workbook \(mc)Ignorable=\"x15\"") == true)
  }

  /// The workbook relationships part.
  @Test func relationships() throws {
    let t = checkSplits(try fixture("workbook.xml.rels"))
    #expect(t.error == nil)
    let ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    #expect(t.events.count == 10)
    let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
    #expect(t.events[1] == #"<\#(ns)Relationship Id="rId3" Type="\#(type)" Target="styles.xml"/>"#)
  }

  /// Shared strings with rich text.
  @Test func sharedStringsWithRichText() throws {
    let t = checkSplits(try fixture("sharedStrings.xml"))
    #expect(t.error == nil)
    let space = "{http://www.w3.org/XML/1998/namespace}space=\"preserve\""
    let texts = t.events.filter { $0.hasPrefix("\"") }
    #expect(
      texts == [
        "\"Mã hồ sơ\"", "\"Tỷ lệ \"", "\"hồ sơ\"", "\"  A < B && C > D  \"", "\"Line1\nLine2\ttab 😀\"",
      ])
    #expect(t.events.contains("<\(mainNamespace)t \(space)>"))
    #expect(t.events.contains(#"<\#(mainNamespace)color rgb="FFFF0000"/>"#))
  }

  /// Styles number formats.
  @Test func stylesNumberFormats() throws {
    let t = checkSplits(try fixture("styles.xml"))
    #expect(t.error == nil)
    #expect(t.events.contains("<\(mainNamespace)numFmt numFmtId=\"165\" formatCode=\"#,##0.00\" ₫\"\"/>"))
    #expect(t.events.contains(#"<\#(mainNamespace)numFmt numFmtId="166" formatCode="0.0%"/>"#))
    let x14ac = "{http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac}"
    #expect(t.events.contains(#"<\#(mainNamespace)fonts count="1" \#(x14ac)knownFonts="1">"#))
  }

  /// Prefixed and default sheets give the same events.
  @Test func prefixedAndDefaultSheetsGiveTheSameEvents() throws {
    let prefixed = checkSplits(try fixture("sheet1.xml"))
    let plain = checkSplits(try fixture("sheet2.xml"))
    #expect(prefixed.error == nil)
    #expect(prefixed == plain)
    #expect(prefixed.events.contains(#"<\#(mainNamespace)c r="C2" s="3" t="n">"#))
    #expect(prefixed.events.contains("\"A1&B1\""))
  }

  /// Every truncation is an error never a crash.
  @Test func everyTruncationIsAnErrorNeverACrash() throws {
    for name in Self.names {
      let bytes = try fixture(name)
      let whole = tokenize(bytes)
      #expect(whole.error == nil, "\(name)")
      // The root end tag's last byte; cutting anywhere before it must fail.
      let rootEnd = bytes.lastIndex(of: 0x3E)!
      for cut in 0..<bytes.count {
        let t = tokenize(Array(bytes[0..<cut]), chunks: [max(1, cut / 3)])
        if cut <= rootEnd {
          #expect(t.error != nil, "\(name) cut at \(cut)")
          #expect(t.events.count <= whole.events.count)
          #expect(Array(whole.events.prefix(t.events.count)) == t.events, "\(name) cut at \(cut)")
        }
      }
    }
  }

  /// Seeded random mutations agree across chunkings.
  @Test func seededRandomMutationsAgreeAcrossChunkings() throws {
    var rng = XMLTestRandom(seed: 0x5EED_0F_A11_BAD_5EED)
    let fixtures = try Self.names.map { try fixture($0) }
    let interesting = Array("<>&;\"'/=!?-[]#x:  \r\n\u{0}".utf8) + [0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xFF, 0xED, 0xA0]
    var failures = 0
    for iteration in 0..<3_000 {
      var doc = fixtures[Int(rng.next() % UInt64(fixtures.count))]
      for _ in 0..<(1 + Int(rng.next() % 4)) {
        let at = Int(rng.next() % UInt64(doc.count))
        switch rng.next() % 5 {
        case 0: doc[at] = interesting[Int(rng.next() % UInt64(interesting.count))]
        case 1: doc.insert(interesting[Int(rng.next() % UInt64(interesting.count))], at: at)
        case 2: doc.remove(at: at)
        case 3: doc[at] ^= UInt8(1 << (rng.next() % 8))
        default:
          let length = min(doc.count - at, 1 + Int(rng.next() % 32))
          doc.insert(contentsOf: doc[at..<at + length], at: Int(rng.next() % UInt64(doc.count)))
        }
      }
      let whole = tokenize(doc)
      let chunkA = tokenize(doc, chunks: [1 + Int(rng.next() % 17), 1 + Int(rng.next() % 5)])
      let chunkB = tokenize(doc, chunks: [1])
      if whole != chunkA || whole != chunkB {
        failures += 1
        Issue.record("iteration \(iteration) differs: \(String(decoding: doc, as: UTF8.self))")
        if failures > 3 { return }
      }
    }
  }
}

/// A small deterministic PRNG (XMLTestRandom) for seeded mutation tests.
struct XMLTestRandom {
  /// State.
  var state: UInt64
  /// Seeds the generator.
  init(seed: UInt64) { state = seed }
  /// The next value.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
