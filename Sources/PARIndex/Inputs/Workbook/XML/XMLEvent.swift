/// An element or attribute name resolved against the namespaces in scope: interned namespace-URI id plus
/// interned local-name id. Two names are equal exactly when their URIs and local names are, however the
/// document spelled the prefix (`<c>` under a default namespace and `<x:c>` give the same `XMLName`).
/// Ids belong to one `XMLTokenizer`; get the ids of known names from `XMLTokenizer.name(namespace:local:)`.
struct XMLName: Hashable, Sendable {
  /// Namespace URI id (`XMLNameTable.noNamespace` for none).
  var namespace: UInt32
  /// Local-name id.
  var local: UInt32

  /// Both ids in one integer (for sorting and hashing in bulk).
  var packed: UInt64 { UInt64(namespace) << 32 | UInt64(local) }
}

/// Namespace URIs a SpreadsheetML reader asks for.
enum XMLNamespace {
  /// SpreadsheetML main namespace (workbook, sheets, shared strings, styles).
  static let spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  /// Relationship ids in workbook parts (`r:id`).
  static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  /// Package relationships parts (`_rels/*.rels`).
  static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
  /// Markup compatibility (`mc:Ignorable`).
  static let markupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006"
  /// The `xml:` namespace (`xml:space`).
  static let xml = "http://www.w3.org/XML/1998/namespace"
}

/// Decoded UTF-8 bytes of an attribute value or of character data: entity and character references replaced,
/// line ends normalized (and, in attribute values, TAB/LF/CR turned into spaces). The bytes are valid UTF-8.
/// They point into the tokenizer's or the caller's buffers and are valid only during the handler call.
struct XMLBytes {
  /// The bytes (valid only during the handler call).
  let buffer: UnsafeBufferPointer<UInt8>

  /// Number of bytes.
  var count: Int { buffer.count }

  /// Whether there are no bytes.
  var isEmpty: Bool { buffer.isEmpty }

  /// The bytes as a `String` (allocates for more than 15 bytes; call only when needed).
  var string: String { String(decoding: buffer, as: UTF8.self) }

  /// The byte at `index`.
  subscript(index: Int) -> UInt8 { buffer[index] }

  /// Whether the bytes equal an ASCII or UTF-8 literal, without allocating (e.g. `value == "inlineStr"`).
  func equals(_ literal: StaticString) -> Bool {
    guard literal.utf8CodeUnitCount == buffer.count else { return false }
    let p = literal.utf8Start
    for i in 0..<buffer.count where buffer[i] != p[i] { return false }
    return true
  }

  /// Parses a non-negative decimal integer made only of ASCII digits (cell style and shared-string indices);
  /// nil if empty, not all digits, or over 18 digits.
  var decimalInteger: Int? {
    guard !buffer.isEmpty, buffer.count <= 18 else { return nil }
    var v = 0
    for c in buffer {
      guard c >= 0x30 && c <= 0x39 else { return nil }
      v = v * 10 + Int(c - 0x30)
    }
    return v
  }
}

/// One attribute of a start element (namespace declarations are not reported as attributes).
struct XMLAttribute {
  /// Resolved name: unprefixed attributes have no namespace.
  let name: XMLName
  /// Decoded value, valid only during the handler call.
  let value: XMLBytes
}

/// Where an attribute's name and value are, kept in `XMLTokenizer.attributes` while a start tag is parsed.
struct AttributeSlot: Sendable, BitwiseCopyable {
  /// Resolved name (after the tag is complete).
  var name: XMLName
  /// Packed `QNameInfo` of the raw name.
  var info: UInt64
  /// Position of the name in the buffer, for errors.
  var nameOffset: Int
  /// Length of the raw qualified name.
  var nameLength: Int
  /// Value start, in the input buffer or (if `inScratch`) in the decoded-value scratch buffer.
  var valueStart: Int
  /// Value length in bytes.
  var valueCount: Int
  /// Whether the value had to be decoded into the scratch buffer.
  var inScratch: Bool
}

/// The attributes of a start element, in document order, as a random-access collection that builds each
/// `XMLAttribute` on access (nothing allocated). Valid only during the handler call.
struct XMLAttributes: RandomAccessCollection {
  /// Slots of the current tag.
  let slots: UnsafeBufferPointer<AttributeSlot>
  /// Buffer holding the tag (for values not decoded).
  let input: UnsafePointer<UInt8>
  /// Scratch buffer holding decoded values.
  let scratch: UnsafePointer<UInt8>

  /// Always 0.
  var startIndex: Int { 0 }

  /// The number of attributes.
  var endIndex: Int { slots.count }

  /// The attribute at `index`.
  subscript(index: Int) -> XMLAttribute {
    let s = slots[index]
    let base = s.inScratch ? scratch : input
    return XMLAttribute(
      name: s.name,
      value: XMLBytes(
        buffer: UnsafeBufferPointer(
          start: base + s.valueStart,
          count: s.valueCount)))
  }

  /// The value of the attribute named `name`, if present (linear search; elements have few attributes).
  subscript(name: XMLName) -> XMLBytes? {
    for i in 0..<slots.count where slots[i].name == name { return self[i].value }
    return nil
  }
}

/// A start tag: its resolved name, its attributes and whether it was written `<name/>` (an `.endElement` event
/// follows immediately in that case too, so handlers never need to look at the flag).
struct XMLStartElement {
  /// Resolved element name.
  let name: XMLName
  /// Attributes, valid only during the handler call.
  let attributes: XMLAttributes
  /// Whether the tag was self-closing.
  let isSelfClosing: Bool
}

/// What the tokenizer reports. Comments, processing instructions and the XML declaration are checked and
/// skipped. Character data is delivered joined: one `.text` per maximal run of text, references and CDATA
/// sections between two tags (comments and processing instructions inside the run do not split it), never an
/// empty one, and only inside the root element (where white space is reported too).
enum XMLEvent {
  /// A start tag.
  case startElement(XMLStartElement)
  /// An end tag (also sent right after a self-closing start tag).
  case endElement(XMLName)
  /// Character data, valid only during the handler call.
  case text(XMLBytes)
}
