import Foundation
import Testing

@testable import PARIndex

struct TextTests {
  static let samples = [
    "Xã An Lão", "Phường Hồng Bàng", "Đặc khu Bạch Long Vĩ", "Kế hoạch CCHC năm 2025 — “đúng hạn” ≥ 98 % …",
    "Xa\u{303} An La\u{303}o", "Ho\u{302}\u{300}ng", "Å", "\u{212B}ngström", "e\u{301}", "한국", "ﬁ", "Sở Tư pháp",
    "Tỷ lệ hồ sơ giải quyết đúng hạn", "THIẾU TÀI LIỆU", "ệ", "e\u{323}\u{302}", "", "x\u{338}",
  ]

  /// The fast path never claims NFC for text that NFC would change.
  @Test(arguments: samples)
  func fastNFCCheckIsNeverWrong(text: String) {
    let normalised = text.precomposedStringWithCanonicalMapping
    if text.isSurelyNFC { #expect(Array(text.unicodeScalars) == Array(normalised.unicodeScalars)) }
    #expect(Array(text.nfc.unicodeScalars) == Array(normalised.unicodeScalars))
  }

  @Test func trimsCellSpacesIncludingNoBreakSpace() {
    #expect(String("\u{A0} có \t\r\n".trimmingSpaces) == "có")
    #expect(String("   ".trimmingSpaces) == "")
    #expect(String("a\u{301} ".trimmingSpaces) == "a\u{301}")
  }

  @Test func foldsWordsForComparison() {
    #expect(TextFolding.folded("  Không   Phát\u{A0}Sinh ") == "không phát sinh")
    #expect(ValueVocabulary.isNotApplicable("KHÔNG PHÁT SINH"))
    #expect(ValueVocabulary.yesNo("Kho\u{302}ng đạt") == false)
  }

  /// Folding as first written (split on cell spaces, join, NFC, lower-case), the reference
  /// for the byte-level and already-folded fast paths.
  static func referenceFold(_ text: String) -> String {
    text.unicodeScalars.split(whereSeparator: \.isCellSpace).map(String.init).joined(separator: " ")
      .precomposedStringWithCanonicalMapping.lowercased()
  }

  @Test(arguments: [
    "không", "Không", "KHÔNG", "không ", " không", "không  đạt", "không\u{A0}đạt", "Kho\u{302}ng", "đạt", "ĐẠT", "Đạt",
    "có", "Có", "CÓ", "Co\u{301}", "x", "X", "1", "0", "yes", "YES", "n/a", "N/A", "KPS", "kps", "không phát sinh",
    "Không Phát Sinh", "2025-03-15", "96,5 %", "\t", "", "ǅ", "İ", "straße", "Σ", "no", "NO", "không đạt", "có ",
    "n/a ", "kps\u{301}", "đạt\u{200B}", "Không đạt", "Không Đạt", "Có ", "Kps", "C\u{327}ó", "Ço", "Ｃó", "Co\u{301} x",
    "Kho\u{302}ng đạt", "A\u{30A}", "Å", "K\u{323}", "Ǆó", "05/12/2025", "0 ", "1\u{A0}", "01", "10", "0.5", "0,5",
    "1 ",
    "x1", "@", "Yes", "yES", "\u{A0}1", "1\u{301}", "0\u{200B}", "đ", "Đạt", "`", "{",
  ])
  func foldingFastPathsAgreeWithTheReference(text: String) {
    #expect(TextFolding.folded(text) == Self.referenceFold(text))
    // A word written exactly as folded is found by its bytes; every other text is folded: the
    // answer must be the folded comparison's either way.
    let folded = Self.referenceFold(text)
    let expected: Bool? =
      ValueVocabulary.yesWords.contains(folded) ? true : ValueVocabulary.noWords.contains(folded) ? false : nil
    #expect(ValueVocabulary.yesNo(text) == expected, "\(text.unicodeScalars.map(\.value))")
    #expect(ValueVocabulary.isNotApplicable(text) == ValueVocabulary.notApplicableWords.contains(folded))
  }

  /// The not-applicable test skips folding a value whose first byte is ASCII, not a space and
  /// not `n` or `k`: it must say what comparing the folded text says, for every kind of start.
  @Test(arguments: [
    "n/a", "N/A", " N/A", "\u{A0}kps", "\tKPS", "Kps ", "kps\u{301}", "K\u{301}PS", "n\u{303}/a", "không phát sinh",
    "Kho\u{302}ng pha\u{301}t sinh", "KHÔNG  PHÁT SINH", "\u{212A}PS", "ｋｐｓ", "x", "1", "0", "có", "05/02/2025", "",
    " ",
    "\u{200B}kps", "/n/a", "-kps", "mot_phan", "no", "Không", "\u{FEFF}N/A",
  ])
  func notApplicableAgreesWithTheFoldedComparison(text: String) {
    #expect(
      ValueVocabulary.isNotApplicable(text) == ValueVocabulary.notApplicableWords.contains(TextFolding.folded(text)),
      "\(text.unicodeScalars.map(\.value))")
  }

  /// A no-break space after a value (trimmed by scalar, not by the ASCII shortcut of
  /// `trimmingSpaces`) changes nothing.
  @Test(arguments: [
    "85", "85%", "85 %", " 85,5 % ", "17/20", "17 / 20", "0/0", "21/20", "%", "/", "5%%", "1e3", "-5", "", "100.000",
    "12abc", "182/200", "0,0", "17/20%", "1/3", " 85 % ", "17 /20 ", "%85", "85% %", " / ", "1/0", "0/0 %", "\t96,5\t%",
  ])
  func percentageReadsTheSameWithANoBreakSpaceAfter(text: String) {
    let plain = PercentageValue.parse(text)
    let padded = PercentageValue.parse(text + "\u{A0}")
    switch (plain, padded) {
    case (.success(let a), .success(let b)):
      #expect(a == b && a.ratio?.numerator == b.ratio?.numerator && a.ratio?.denominator == b.ratio?.denominator)
    case (.failure(let a), .failure(let b)): #expect(a == b)
    default: Issue.record("\(text): \(plain) vs \(padded)")
    }
  }

  @Test(arguments: [
    "05/12/2025", "5/1/2025", "2025-12-05", "2025-1-05", "31/02/2025", "29/02/2024", "x", "", "05/12/2025x",
    "0001-01-01",
  ])
  func dateReadsTheSameWithSpacesAround(text: String) {
    #expect(CalendarDate(parsing: text) == CalendarDate(parsing: "\u{A0}" + text + " "))
  }
}

/// The byte scan in front of the bidi escaping (issue 14: a 250 MB JSON is scanned once) finds
/// exactly the scalars `InvisibleCharacter.isBidiControl` names, and no other sequence.
struct BidiScanTests {
  @Test func theByteScanAgreesWithTheScalarTest() {
    // Every scalar of the ranges around the controls, alone and inside Vietnamese text.
    let ranges: [ClosedRange<UInt32>] = [0x0600...0x06FF, 0x2000...0x20FF, 0x1E00...0x1EFF]
    for range in ranges {
      for value in range {
        guard let scalar = Unicode.Scalar(value) else { continue }
        let text = "Sở Nội vụ → \(Character(scalar)) · ệ"
        #expect(
          InvisibleCharacter.containsBidiControl(text) == InvisibleCharacter.isBidiControl(scalar),
          "U+\(String(value, radix: 16))")
      }
    }
    #expect(!InvisibleCharacter.containsBidiControl(""))
    #expect(InvisibleCharacter.containsBidiControl("\u{202E}"))
    #expect(OutputText.escapingBidiControls(in: "a\u{2067}b", json: false) == "a[U+2067]b")
    #expect(OutputText.escapingBidiControls(in: "Tiến → Lùi", json: true) == "Tiến → Lùi")
  }
}
