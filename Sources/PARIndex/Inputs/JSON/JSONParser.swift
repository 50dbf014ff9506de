/// A strict JSON parser (RFC 8259) over UTF-8 bytes.
///
/// Rejects duplicate keys (a criteria set with two `maxPoints` is ambiguous), trailing
/// commas, comments, and nesting deeper than ``maximumDepth``; reports the line and column
/// of the first syntax error. Numbers are kept as text for exact decimal reading.
struct JSONParser {
  struct SyntaxError: Error, Equatable {
    var line: Int
    var column: Int
    var problem: Message.JSONSyntax
  }

  /// Deeper documents are rejected instead of exhausting the stack.
  static let maximumDepth = 64

  private let bytes: [UInt8]
  private var index = 0
  private var depth = 0

  private init(bytes: [UInt8]) { self.bytes = bytes }

  /// Parses a whole document; a UTF-8 byte order mark is skipped.
  static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
    let value = try parser.parseValue()
    parser.skipSpace()
    if parser.index < bytes.count { throw parser.error(.trailingText) }
    return value
  }

  private mutating func parseValue() throws(SyntaxError) -> JSONValue {
    skipSpace()
    guard index < bytes.count else { throw error(.endOfFile) }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try nested { (p: inout JSONParser) throws(SyntaxError) in try p.parseObject() }
    case UInt8(ascii: "["): return try nested { (p: inout JSONParser) throws(SyntaxError) in try p.parseArray() }
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"):
      try expectWord("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectWord("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectWord("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw error(.unexpectedCharacter)
    }
  }

  private mutating func nested(
    _ body: (inout JSONParser) throws(SyntaxError) -> JSONValue
  ) throws(SyntaxError) -> JSONValue {
    depth += 1
    if depth > Self.maximumDepth { throw error(.tooDeep(Self.maximumDepth)) }
    defer { depth -= 1 }
    return try body(&self)
  }

  private mutating func parseObject() throws(SyntaxError) -> JSONValue {
    index += 1
    var members: [(key: String, value: JSONValue)] = []
    var seen = Set<String>()
    skipSpace()
    if peek(UInt8(ascii: "}")) {
      index += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard peek(UInt8(ascii: "\"")) else { throw error(.expectedKey) }
      let keyStart = index
      let key = try parseString()
      guard seen.insert(key).inserted else {
        index = keyStart
        throw error(.duplicateKey(key))
      }
      skipSpace()
      guard peek(UInt8(ascii: ":")) else { throw error(.expectedColon) }
      index += 1
      members.append((key, try parseValue()))
      skipSpace()
      if peek(UInt8(ascii: ",")) {
        index += 1
        continue
      }
      if peek(UInt8(ascii: "}")) {
        index += 1
        return .object(members)
      }
      throw error(.expectedCommaOrBrace)
    }
  }

  private mutating func parseArray() throws(SyntaxError) -> JSONValue {
    index += 1
    var elements: [JSONValue] = []
    skipSpace()
    if peek(UInt8(ascii: "]")) {
      index += 1
      return .array(elements)
    }
    while true {
      elements.append(try parseValue())
      skipSpace()
      if peek(UInt8(ascii: ",")) {
        index += 1
        continue
      }
      if peek(UInt8(ascii: "]")) {
        index += 1
        return .array(elements)
      }
      throw error(.expectedCommaOrBracket)
    }
  }

  private mutating func parseString() throws(SyntaxError) -> String {
    index += 1
    var utf8: [UInt8] = []
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        guard let text = UTF8Text.decode(utf8[...]) else { throw error(.notUTF8) }
        return text
      case UInt8(ascii: "\\"):
        index += 1
        guard index < bytes.count else { break }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): utf8.append(0x22)
        case UInt8(ascii: "\\"): utf8.append(0x5C)
        case UInt8(ascii: "/"): utf8.append(0x2F)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"): utf8.append(contentsOf: try parseUnicodeEscape())
        default:
          index -= 1
          throw error(.invalidEscape)
        }
      case 0..<0x20:
        throw error(.controlCharacter)
      default:
        utf8.append(byte)
        index += 1
      }
    }
    throw error(.unclosedText)
  }

  private mutating func parseUnicodeEscape() throws(SyntaxError) -> [UInt8] {
    var scalar = try hex4()
    if (0xD800..<0xDC00).contains(scalar) {
      guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
      else { throw error(.unpairedSurrogate) }
      index += 2
      let low = try hex4()
      guard (0xDC00..<0xE000).contains(low) else { throw error(.unpairedSurrogate) }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
    } else if (0xDC00..<0xE000).contains(scalar) {
      throw error(.unpairedSurrogate)
    }
    guard let unicode = Unicode.Scalar(scalar) else { throw error(.unpairedSurrogate) }
    return Array(String(Character(unicode)).utf8)
  }

  private mutating func hex4() throws(SyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error(.incompleteEscape) }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error(.invalidHexDigit)
      }
      value = value * 16 + digit
      index += 1
    }
    return value
  }

  private mutating func parseNumber() throws(SyntaxError) -> String {
    let start = index
    if peek(UInt8(ascii: "-")) { index += 1 }
    if peek(UInt8(ascii: "0")), index + 1 < bytes.count,
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + 1])
    {
      throw error(.leadingZero)
    }
    guard digits() > 0 else { throw error(.invalidNumber) }
    if peek(UInt8(ascii: ".")) {
      index += 1
      guard digits() > 0 else { throw error(.digitsAfterPoint) }
    }
    if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
      index += 1
      if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
      guard digits() > 0 else { throw error(.invalidExponent) }
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  private mutating func digits() -> Int {
    let start = index
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
    return index - start
  }

  private mutating func expectWord(_ word: StaticString) throws(SyntaxError) {
    let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    guard bytes.count - index >= expected.count, bytes[index..<index + expected.count].elementsEqual(expected) else {
      throw error(.unexpectedWord)
    }
    index += expected.count
  }

  private mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

  private func error(_ problem: Message.JSONSyntax) -> SyntaxError {
    var line = 1
    var lineStart = 0
    for position in 0..<min(index, bytes.count) where bytes[position] == 0x0A {
      line += 1
      lineStart = position + 1
    }
    // Columns count characters, not bytes, so Vietnamese text does not shift them.
    let column = bytes[lineStart..<min(index, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count + 1
    return SyntaxError(line: line, column: column, problem: problem)
  }
}
