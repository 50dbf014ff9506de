/// Where in the input an error was found: a 0-based byte offset and a 1-based line (1 + number of LF bytes
/// before the offset).
struct XMLPosition: Sendable, Equatable, CustomStringConvertible {
  /// Byte offset from the start of the input (BOM included).
  var offset: Int
  /// Line number, counting LF bytes.
  var line: Int

  /// "line L, byte O".
  var description: String { "line \(line), byte \(offset)" }
}

/// The construct the input ended in, for `XMLError.unexpectedEndOfInput`.
enum XMLConstruct: String, Sendable, Equatable {
  /// A byte order mark at the very start.
  case byteOrderMark = "byte order mark"
  /// The `<?xml …?>` declaration.
  case xmlDeclaration = "XML declaration"
  /// A start tag `<name …>`.
  case startTag = "start tag"
  /// An end tag `</name>`.
  case endTag = "end tag"
  /// A comment `<!-- … -->`.
  case comment = "comment"
  /// A processing instruction `<?target …?>`.
  case processingInstruction = "processing instruction"
  /// A CDATA section `<![CDATA[ … ]]>`.
  case cdataSection = "CDATA section"
  /// A `<!…` or `<` whose kind is not known yet.
  case markup = "markup"
  /// An entity or character reference `&…;`.
  case reference = "reference"
  /// Character data (a multi-byte character, or a `]` or CR that needs the next bytes).
  case text = "text"
}

/// What was syntactically wrong, for `XMLError.syntax`.
enum XMLSyntaxError: String, Sendable, Equatable {
  /// A name was required (after `<`, `</`, `<?`, `&` or between attributes).
  case expectedName = "expected a name"
  /// An attribute name was not followed by `=`.
  case expectedEquals = "expected '=' after the attribute name"
  /// An attribute value did not start with `"` or `'`.
  case expectedQuote = "expected a quoted attribute value"
  /// Two attributes, or a name and an attribute, were not separated by whitespace.
  case expectedWhitespace = "expected whitespace before the attribute"
  /// A tag did not end with `>` or `/>`.
  case expectedTagEnd = "expected '>' or '/>'"
  /// A raw `<` inside an attribute value.
  case lessThanInAttributeValue = "'<' is not allowed in an attribute value"
  /// An `&` not starting a well-formed reference.
  case malformedReference = "malformed entity or character reference"
  /// `]]>` in character data.
  case cdataEndInText = "']]>' is not allowed in text"
  /// `--` inside a comment.
  case doubleHyphenInComment = "'--' is not allowed inside a comment"
  /// `<!-` not followed by `-`, or another unknown `<!` construct.
  case malformedMarkup = "unknown markup declaration"
  /// A CDATA section before or after the root element.
  case cdataOutsideRoot = "CDATA section outside the root element"
  /// A bad `<?xml …?>` declaration.
  case malformedXMLDeclaration = "malformed XML declaration"
  /// `<?xml …?>` anywhere but at the very start.
  case misplacedXMLDeclaration = "the XML declaration must be at the very start"
  /// A processing-instruction target spelled like `xml` in another case, or containing a colon.
  case invalidProcessingInstructionTarget = "invalid processing instruction target"
  /// A processing instruction target not followed by whitespace or `?>`.
  case malformedProcessingInstruction = "malformed processing instruction"
}

/// Everything that can make `XMLTokenizer` reject its input. Cases carry what a message needs; `description`
/// renders a short English one (the real library renders its own Vietnamese and English texts from the data).
/// `indirect` keeps the value one pointer wide, which makes typed throws cheap on the success path.
indirect enum XMLError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Bytes that are not valid UTF-8 (overlong, surrogate, beyond U+10FFFF, stray continuation byte…).
  case invalidUTF8(at: XMLPosition)
  /// The input starts with a UTF-16 byte order mark or looks like UTF-16 (`<` next to a NUL byte).
  case utf16NotSupported
  /// The XML declaration names an encoding other than UTF-8.
  case unsupportedEncoding(String, at: XMLPosition)
  /// A `<!DOCTYPE …>` declaration: refused outright, which rules out entity-expansion attacks.
  case doctypeNotAllowed(at: XMLPosition)
  /// A literal character XML 1.0 forbids (C0 controls except TAB, LF, CR; U+FFFE; U+FFFF).
  case invalidCharacter(UInt32, at: XMLPosition)
  /// A character reference to a forbidden code point, e.g. `&#0;`, `&#xD800;`, `&#x110000;`.
  case invalidCharacterReference(String, at: XMLPosition)
  /// An entity reference other than `lt`, `gt`, `amp`, `quot`, `apos`.
  case undefinedEntity(String, at: XMLPosition)
  /// A prefix used in an element or attribute name with no `xmlns:prefix` declaration in scope.
  case undeclaredPrefix(String, at: XMLPosition)
  /// A namespace declaration the Namespaces spec forbids (`xmlns:p=""`, rebinding `xml`/`xmlns`, …).
  case invalidNamespaceDeclaration(prefix: String, uri: String, at: XMLPosition)
  /// A name that is not a valid qualified name (`a:b:c`, `:a`, `a:`, `a:1`, an element prefixed `xmlns`).
  case invalidQualifiedName(String, at: XMLPosition)
  /// Two attributes with the same name after namespace resolution (or two identical declarations).
  case duplicateAttribute(String, at: XMLPosition)
  /// An end tag that does not match the innermost open element.
  case mismatchedEndTag(expected: String, found: String, at: XMLPosition)
  /// An end tag with no open element.
  case unexpectedEndTag(String, at: XMLPosition)
  /// A second top-level element.
  case multipleRootElements(at: XMLPosition)
  /// Non-whitespace character data before or after the root element.
  case textOutsideRoot(at: XMLPosition)
  /// The input ended without any element.
  case noRootElement(at: XMLPosition)
  /// The input ended while this element (the innermost one) was still open.
  case unclosedElement(String, at: XMLPosition)
  /// The input ended inside a construct.
  case unexpectedEndOfInput(XMLConstruct, at: XMLPosition)
  /// A syntax error.
  case syntax(XMLSyntaxError, at: XMLPosition)
  /// A limit of `XMLLimits` was exceeded; `limit` is its configured value.
  case limitExceeded(XMLLimit, limit: Int, at: XMLPosition)
  /// The tokenizer was already finished, or stopped by an earlier handler error.
  case closed

  /// A short English message.
  var description: String {
    switch self {
    case .invalidUTF8(let at): return "Invalid UTF-8 at \(at)"
    case .utf16NotSupported: return "UTF-16 XML is not supported"
    case .unsupportedEncoding(let name, let at): return "Unsupported encoding \"\(name)\" at \(at); only UTF-8"
    case .doctypeNotAllowed(let at): return "DOCTYPE declarations are not allowed (\(at))"
    case .invalidCharacter(let c, let at): return "Character U+\(hex(c)) is not allowed in XML (\(at))"
    case .invalidCharacterReference(let r, let at): return "Character reference \(r) is not allowed (\(at))"
    case .undefinedEntity(let n, let at): return "Undefined entity &\(n); at \(at)"
    case .undeclaredPrefix(let p, let at): return "Namespace prefix \"\(p)\" is not declared (\(at))"
    case .invalidNamespaceDeclaration(let p, let u, let at):
      return "Invalid namespace declaration of \"\(p)\" as \"\(u)\" at \(at)"
    case .invalidQualifiedName(let n, let at): return "Invalid qualified name \"\(n)\" at \(at)"
    case .duplicateAttribute(let n, let at): return "Duplicate attribute \"\(n)\" at \(at)"
    case .mismatchedEndTag(let e, let f, let at): return "End tag </\(f)> does not match <\(e)> (\(at))"
    case .unexpectedEndTag(let n, let at): return "End tag </\(n)> without an open element (\(at))"
    case .multipleRootElements(let at): return "More than one root element (\(at))"
    case .textOutsideRoot(let at): return "Text outside the root element (\(at))"
    case .noRootElement(let at): return "No root element (\(at))"
    case .unclosedElement(let n, let at): return "Element <\(n)> is not closed at the end of input (\(at))"
    case .unexpectedEndOfInput(let c, let at): return "Input ends inside a \(c.rawValue) (\(at))"
    case .syntax(let s, let at): return "Syntax error: \(s.rawValue) (\(at))"
    case .limitExceeded(let l, let v, let at): return "Limit \(l.rawValue) (\(v)) exceeded at \(at)"
    case .closed: return "The XML tokenizer is closed"
    }
  }
}

extension XMLError {
  /// Where the problem is, when the error says.
  var position: XMLPosition? {
    switch self {
    case .invalidUTF8(let at), .unsupportedEncoding(_, let at), .doctypeNotAllowed(let at),
      .invalidCharacter(_, let at),
      .invalidCharacterReference(_, let at), .undefinedEntity(_, let at), .undeclaredPrefix(_, let at),
      .invalidNamespaceDeclaration(_, _, let at), .invalidQualifiedName(_, let at), .duplicateAttribute(_, let at),
      .mismatchedEndTag(_, _, let at), .unexpectedEndTag(_, let at), .multipleRootElements(let at),
      .textOutsideRoot(let at),
      .noRootElement(let at), .unclosedElement(_, let at), .unexpectedEndOfInput(_, let at), .syntax(_, let at),
      .limitExceeded(_, _, let at):
      at
    case .utf16NotSupported, .closed: nil
    }
  }
}

/// Upper-case hexadecimal, at least 4 digits, for code points in messages.
private func hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

/// An error type that can carry an `XMLError`, so `feed` and a throwing handler share one typed error
/// (the `PARIndex` error enum conforms with a `.xml(XMLError)` case).
protocol XMLErrorConvertible: Error {
  /// Wraps a tokenizer error.
  init(xmlError: XMLError)
}

extension XMLError: XMLErrorConvertible {
  /// Identity: a handler throwing `XMLError` makes `feed` throw `XMLError`.
  init(xmlError: XMLError) { self = xmlError }
}
