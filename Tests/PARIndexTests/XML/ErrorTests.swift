import Testing

@testable import PARIndex

/// One or more documents for every `XMLError` case, with exact positions. `errorOf` also checks that every
/// split of the input gives the same error.
@Suite struct ErrorTests {
  /// `prefix` + raw bytes + `suffix`.
  func bytes(_ prefix: String, _ raw: [UInt8], _ suffix: String = "") -> [UInt8] {
    Array(prefix.utf8) + raw + Array(suffix.utf8)
  }

  /// Invalid UTF-8 anywhere is reported at its first byte.
  @Test func invalidUTF8() {
    #expect(errorOf(bytes("<a>", [0xFF], "</a>")) == .invalidUTF8(at: at(3)))
    #expect(errorOf(bytes("<a>x", [0xC0, 0x80], "</a>")) == .invalidUTF8(at: at(4)))  // overlong
    #expect(errorOf(bytes("<a>", [0xE0, 0x80, 0x80], "</a>")) == .invalidUTF8(at: at(3)))  // overlong
    #expect(errorOf(bytes("<a>", [0xED, 0xA0, 0x80], "</a>")) == .invalidUTF8(at: at(3)))  // surrogate
    #expect(errorOf(bytes("<a>", [0xF4, 0x90, 0x80, 0x80], "</a>")) == .invalidUTF8(at: at(3)))  // > U+10FFFF
    #expect(errorOf(bytes("<a>", [0xE2, 0x82], "</a>")) == .invalidUTF8(at: at(3)))  // truncated
    #expect(errorOf(bytes("<a>", [0x80], "</a>")) == .invalidUTF8(at: at(3)))  // stray continuation
    #expect(errorOf(bytes("<a x='", [0xFE], "'/>")) == .invalidUTF8(at: at(6)))
    #expect(errorOf(bytes("<a", [0xC3], "/>")) == .invalidUTF8(at: at(2)))
    #expect(errorOf(bytes("<a><!--", [0xFF], "--></a>")) == .invalidUTF8(at: at(7)))
    #expect(errorOf(bytes("<a><?p ", [0xFF], "?></a>")) == .invalidUTF8(at: at(7)))
    #expect(errorOf(bytes("<a><![CDATA[", [0xFF], "]]></a>")) == .invalidUTF8(at: at(12)))
    #expect(errorOf(bytes("<a/>\n", [0xFF])) == .invalidUTF8(at: at(5, line: 2)))
    #expect(errorOf(bytes("<a>\n\n", [0xF0, 0x9F, 0x98], "</a>")) == .invalidUTF8(at: at(5, line: 3)))
  }

  /// UTF-16 input is refused (by BOM or NUL pattern).
  @Test func utf16IsRefused() {
    #expect(errorOf([0xFE, 0xFF, 0x00, 0x3C]) == .utf16NotSupported)
    #expect(errorOf([0xFF, 0xFE, 0x3C, 0x00]) == .utf16NotSupported)
    #expect(errorOf([0x3C, 0x00, 0x61, 0x00]) == .utf16NotSupported)
    #expect(errorOf([0x00, 0x3C, 0x00, 0x61]) == .utf16NotSupported)
    #expect(XMLError.utf16NotSupported.description == "UTF-16 XML is not supported")
  }

  /// Unsupported encoding.
  @Test func unsupportedEncoding() {
    #expect(errorOf(#"<?xml version="1.0" encoding="UTF-16"?><a/>"#) == .unsupportedEncoding("UTF-16", at: at(30)))
    #expect(
      errorOf(#"<?xml version="1.0" encoding='ISO-8859-1'?><a/>"#)
        == .unsupportedEncoding("ISO-8859-1", at: at(30)))
  }

  /// Doctype is refused.
  @Test func doctypeIsRefused() {
    #expect(errorOf(#"<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>"#) == .doctypeNotAllowed(at: at(0)))
    #expect(errorOf("<?xml version=\"1.0\"?>\n<!DOCTYPE a><a/>") == .doctypeNotAllowed(at: at(22, line: 2)))
  }

  /// Invalid characters.
  @Test func invalidCharacters() {
    #expect(errorOf("<a>\u{1}</a>") == .invalidCharacter(1, at: at(3)))
    #expect(errorOf("<a x='\u{1F}'/>") == .invalidCharacter(0x1F, at: at(6)))
    #expect(errorOf("<a>\u{FFFE}</a>") == .invalidCharacter(0xFFFE, at: at(3)))
    #expect(errorOf("<a x='\u{FFFF}'/>") == .invalidCharacter(0xFFFF, at: at(6)))
    #expect(errorOf("<a><!--\u{0}--></a>") == .invalidCharacter(0, at: at(7)))
    #expect(errorOf("\u{7}<a/>") == .invalidCharacter(7, at: at(0)))
    #expect(errorOf("<a><![CDATA[\u{B}]]></a>") == .invalidCharacter(0xB, at: at(12)))
  }

  /// Invalid character references.
  @Test func invalidCharacterReferences() {
    #expect(errorOf("<a>&#0;</a>") == .invalidCharacterReference("&#0;", at: at(3)))
    #expect(errorOf("<a>&#xD800;</a>") == .invalidCharacterReference("&#xD800;", at: at(3)))
    #expect(errorOf("<a>&#x110000;</a>") == .invalidCharacterReference("&#x110000;", at: at(3)))
    #expect(errorOf("<a>&#1;</a>") == .invalidCharacterReference("&#1;", at: at(3)))
    #expect(errorOf("<a x='&#xFFFE;'/>") == .invalidCharacterReference("&#xFFFE;", at: at(6)))
    #expect(
      errorOf("<a>&#99999999999999999999;</a>")
        == .invalidCharacterReference("&#99999999999999999999;", at: at(3)))
    #expect(errorOf("<a>&#x10FFFF;&#9;&#xA;&#xD;&#x20;</a>") == nil)
  }

  /// Entity references.
  @Test func entityReferences() {
    #expect(errorOf("<a>&nbsp;</a>") == .undefinedEntity("nbsp", at: at(3)))
    #expect(errorOf("<a x='&copy;'/>") == .undefinedEntity("copy", at: at(6)))
    for bad in ["&;", "&#;", "&#x;", "&#12a;", "& x", "&lt x", "&#X41;", "&#-1;"] {
      #expect(errorOf("<a>\(bad)</a>") == .syntax(.malformedReference, at: at(3)), "\(bad)")
    }
  }

  /// Tag structure.
  @Test func tagStructure() {
    #expect(errorOf("<a x='1' x='2'/>") == .duplicateAttribute("x", at: at(9)))
    #expect(errorOf("<a></b>") == .mismatchedEndTag(expected: "a", found: "b", at: at(3)))
    #expect(errorOf("<abc></ab>") == .mismatchedEndTag(expected: "abc", found: "ab", at: at(5)))
    #expect(errorOf("<a></abcd>") == .mismatchedEndTag(expected: "a", found: "abcd", at: at(3)))
    let long = String(repeating: "l", count: 12)
    #expect(errorOf("<\(long)></\(long)x>") == .mismatchedEndTag(expected: long, found: long + "x", at: at(14)))
    #expect(errorOf("<a/></a>") == .unexpectedEndTag("a", at: at(4)))
    #expect(errorOf("<a/><b/>") == .multipleRootElements(at: at(4)))
  }

  /// Text outside root.
  @Test func textOutsideRoot() {
    #expect(errorOf("x<a/>") == .textOutsideRoot(at: at(0)))
    #expect(errorOf("<a/>\n x") == .textOutsideRoot(at: at(6, line: 2)))
    #expect(errorOf("&amp;<a/>") == .textOutsideRoot(at: at(0)))
    #expect(errorOf("<a/>é") == .textOutsideRoot(at: at(4)))
  }

  /// Incomplete documents.
  @Test func incompleteDocuments() {
    #expect(errorOf("") == .noRootElement(at: at(0)))
    #expect(errorOf("<!-- c -->\n") == .noRootElement(at: at(11, line: 2)))
    #expect(errorOf("<a><b>") == .unclosedElement("b", at: at(6)))
    #expect(errorOf("<a>text") == .unclosedElement("a", at: at(7)))
    #expect(errorOf("<a") == .unexpectedEndOfInput(.startTag, at: at(2)))
    #expect(errorOf("<a x=\"1") == .unexpectedEndOfInput(.startTag, at: at(7)))
    #expect(errorOf("<a></a") == .unexpectedEndOfInput(.endTag, at: at(6)))
    #expect(errorOf("<a/><!-- x") == .unexpectedEndOfInput(.comment, at: at(10)))
    #expect(errorOf("<a/><!-- x -") == .unexpectedEndOfInput(.comment, at: at(12)))
    #expect(errorOf("<a/><?pi x") == .unexpectedEndOfInput(.processingInstruction, at: at(10)))
    #expect(errorOf("<a><![CDATA[x") == .unexpectedEndOfInput(.cdataSection, at: at(13)))
    #expect(errorOf("<a>&am") == .unexpectedEndOfInput(.reference, at: at(6)))
    #expect(errorOf("<a>&#x4") == .unexpectedEndOfInput(.reference, at: at(7)))
    #expect(errorOf(#"<?xml version="1.0""#) == .unexpectedEndOfInput(.xmlDeclaration, at: at(19)))
    #expect(errorOf("<a/><") == .unexpectedEndOfInput(.markup, at: at(5)))
    #expect(errorOf("<a/><!-") == .unexpectedEndOfInput(.markup, at: at(7)))
    #expect(errorOf([0xEF, 0xBB]) == .unexpectedEndOfInput(.byteOrderMark, at: at(2)))
    #expect(errorOf("<a>x]") == .unexpectedEndOfInput(.text, at: at(5)))
  }

  /// Syntax errors.
  @Test func syntaxErrors() {
    let cases: [(String, XMLSyntaxError, Int)] = [
      ("< a/>", .expectedName, 1),
      ("<a><//a>", .expectedName, 5),
      ("<a x/>", .expectedEquals, 4),
      ("<a x=1/>", .expectedQuote, 5),
      ("<a x='1'y='2'/>", .expectedWhitespace, 8),
      ("<a/ >", .expectedTagEnd, 2),
      ("<a x='1'/x>", .expectedTagEnd, 8),
      ("<a></a x>", .expectedTagEnd, 7),
      ("<a x='1'\"/>", .expectedTagEnd, 8),
      ("<a x='<'/>", .lessThanInAttributeValue, 6),
      ("<a>]]></a>", .cdataEndInText, 3),
      ("<a>]]]></a>", .cdataEndInText, 4),
      ("<a><!-- a -- b --></a>", .doubleHyphenInComment, 10),
      ("<a><!-- a ---></a>", .doubleHyphenInComment, 10),
      ("<!x><a/>", .malformedMarkup, 0),
      ("<!-x--><a/>", .malformedMarkup, 0),
      ("<a><![CDAT[x]]></a>", .malformedMarkup, 3),
      ("<!DOCTYP a><a/>", .malformedMarkup, 0),
      ("<![CDATA[x]]><a/>", .cdataOutsideRoot, 0),
      ("<?xml?><a/>", .malformedXMLDeclaration, 5),
      (#"<?xml version="2.0"?><a/>"#, .malformedXMLDeclaration, 15),
      (#"<?xml version="1."?><a/>"#, .malformedXMLDeclaration, 15),
      (#"<?xml encoding="UTF-8"?><a/>"#, .malformedXMLDeclaration, 6),
      (#"<?xml version="1.0" standalone="maybe"?><a/>"#, .malformedXMLDeclaration, 32),
      (#"<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>"#, .malformedXMLDeclaration, 37),
      (#"<?xml version="1.0"encoding="UTF-8"?><a/>"#, .malformedXMLDeclaration, 19),
      (#"<?xml version="1.0" encoding="8bit"?><a/>"#, .malformedXMLDeclaration, 30),
      (#"<?xml version="1.0" ?x><a/>"#, .malformedXMLDeclaration, 20),
      (#" <?xml version="1.0"?><a/>"#, .misplacedXMLDeclaration, 1),
      (#"<a/><?xml version="1.0"?>"#, .misplacedXMLDeclaration, 4),
      ("<?XML x?><a/>", .invalidProcessingInstructionTarget, 2),
      ("<a><?Xml x?></a>", .invalidProcessingInstructionTarget, 5),
      ("<?a:b x?><a/>", .invalidProcessingInstructionTarget, 2),
      ("<?pi?x?><a/>", .malformedProcessingInstruction, 4),
      ("<?pi\"x?><a/>", .malformedProcessingInstruction, 4),
      ("<? pi?><a/>", .expectedName, 2),
    ]
    for (doc, kind, offset) in cases {
      #expect(errorOf(doc) == .syntax(kind, at: at(offset)), "\(doc)")
    }
  }

  /// Descriptions are short English sentences.
  @Test func descriptionsAreShortEnglish() {
    let samples: [XMLError] = [
      .invalidUTF8(at: at(3)), .unsupportedEncoding("UTF-16", at: at(1)), .doctypeNotAllowed(at: at(0)),
      .invalidCharacter(1, at: at(2)), .invalidCharacterReference("&#0;", at: at(2)),
      .undefinedEntity("nbsp", at: at(2)), .undeclaredPrefix("p", at: at(1)),
      .invalidNamespaceDeclaration(prefix: "p", uri: "", at: at(1)), .invalidQualifiedName("a:", at: at(1)),
      .duplicateAttribute("x", at: at(1)), .mismatchedEndTag(expected: "a", found: "b", at: at(1)),
      .unexpectedEndTag("a", at: at(1)), .multipleRootElements(at: at(1)), .textOutsideRoot(at: at(1)),
      .noRootElement(at: at(0)), .unclosedElement("a", at: at(1)), .unexpectedEndOfInput(.comment, at: at(9)),
      .syntax(.expectedEquals, at: at(4)), .limitExceeded(.depth, limit: 256, at: at(1)), .closed,
    ]
    for e in samples {
      #expect(!e.description.isEmpty && e.description.count < 120, "\(e)")
    }
    #expect(
      XMLError.invalidCharacter(1, at: at(2)).description
        == "Character U+0001 is not allowed in XML (line 1, byte 2)")
    #expect(
      XMLError.limitExceeded(.depth, limit: 256, at: at(9, line: 2)).description
        == "Limit depth (256) exceeded at line 2, byte 9")
  }
}
