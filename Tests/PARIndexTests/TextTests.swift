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
    #expect(ValueVocabulary.folded("  Không   Phát\u{A0}Sinh ") == "không phát sinh")
    #expect(ValueVocabulary.isNotApplicable("KHÔNG PHÁT SINH"))
    #expect(ValueVocabulary.yesNo("Kho\u{302}ng đạt") == false)
  }
}
