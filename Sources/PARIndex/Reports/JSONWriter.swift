/// A small JSON writer with stable key order (keys are written in the order given, never
/// from a dictionary) and two-space indentation, so the same results give the same bytes.
public enum JSONOutput: Sendable {
  /// Members in the order given.
  case object([(String, JSONOutput)])
  /// Elements in order.
  case array([JSONOutput])
  /// `count` elements made one at a time as they are written, so that a long array (a
  /// country's units) is never held whole: element `i` is `element(i)`.
  case generated(count: Int, element: @Sendable (Int) -> JSONOutput)
  /// Text, escaped when written.
  case string(String)
  /// A number written as it is (already formatted: fixed decimals, never a float).
  case number(String)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null

  /// Text or `null`.
  public static func optional(_ text: String?) -> JSONOutput { text.map { .string($0) } ?? .null }

  /// The document, ending with a line break.
  public func rendered() -> String { String(decoding: renderedUTF8(), as: UTF8.self) }

  /// The document as UTF-8 bytes, ending with a line break: for a file, without making (and
  /// checking) a `String` of a quarter of a gigabyte first.
  public func renderedUTF8() -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(4096)
    write(into: &bytes, indent: 0, parallel: true)
    bytes.append(0x0A)
    return bytes
  }

  /// Appends the value's JSON; nested lines are indented by `indent` + 1 levels. With
  /// `parallel`, a long generated array (a country's units) is made on every core.
  private func write(into out: inout [UInt8], indent: Int, parallel: Bool = false) {
    switch self {
    case .object(let members):
      if members.isEmpty { return Self.append("{}", to: &out) }
      Self.append("{\n", to: &out)
      for (position, (key, value)) in members.enumerated() {
        Self.pad(&out, indent + 1)
        Self.escape(key, into: &out)
        Self.append(": ", to: &out)
        value.write(into: &out, indent: indent + 1, parallel: parallel)
        Self.append(position == members.count - 1 ? "\n" : ",\n", to: &out)
      }
      Self.pad(&out, indent)
      out.append(UInt8(ascii: "}"))
    case .array(let elements):
      Self.writeArray(count: elements.count, into: &out, indent: indent, parallel: parallel) { elements[$0] }
    case .generated(let count, let element):
      if parallel && count >= Self.parallelBatch * 2 && Parallel.width > 1 {
        Self.writeInParallel(count: count, into: &out, indent: indent, element)
      } else {
        Self.writeArray(count: count, into: &out, indent: indent, element)
      }
    case .string(let value): Self.escape(value.nfc, into: &out)
    case .number(let literal): Self.append(literal, to: &out)
    case .bool(let value): Self.append(value ? "true" : "false", to: &out)
    case .null: Self.append("null", to: &out)
    }
  }

  private static func writeArray(
    count: Int, into out: inout [UInt8], indent: Int, parallel: Bool = false, _ element: (Int) -> JSONOutput
  ) {
    if count == 0 { return Self.append("[]", to: &out) }
    Self.append("[\n", to: &out)
    writeElements(0..<count, of: count, into: &out, indent: indent, parallel: parallel, element)
    pad(&out, indent)
    out.append(UInt8(ascii: "]"))
  }

  /// Elements `range` of an array of `count`, each on its line with its separator.
  private static func writeElements(
    _ range: Range<Int>, of count: Int, into out: inout [UInt8], indent: Int, parallel: Bool,
    _ element: (Int) -> JSONOutput
  ) {
    for position in range {
      pad(&out, indent + 1)
      element(position).write(into: &out, indent: indent + 1, parallel: parallel)
      Self.append(position == count - 1 ? "\n" : ",\n", to: &out)
    }
  }

  /// Elements made per piece.
  private static let parallelBatch = 8

  /// A generated array made in pieces of ``parallelBatch`` elements on every core, a few
  /// pieces per core at a time, joined in order: the same bytes as one element after another,
  /// with only the pieces in flight held twice.
  private static func writeInParallel(
    count: Int, into out: inout [UInt8], indent: Int, _ element: @Sendable (Int) -> JSONOutput
  ) {
    Self.append("[\n", to: &out)
    let opening = out.count
    var start = 0
    while start < count {
      let first = start
      let pieces = min(Parallel.width * 4, (count - first + parallelBatch - 1) / parallelBatch)
      let made = Parallel.map(pieces) { piece -> [UInt8] in
        var bytes: [UInt8] = []
        let lower = first + piece * parallelBatch
        writeElements(
          lower..<min(count, lower + parallelBatch), of: count, into: &bytes, indent: indent, parallel: false, element)
        return bytes
      }
      for piece in made { out.append(contentsOf: piece) }
      start = min(count, first + pieces * parallelBatch)
      // Room for the rest at half as much again as the elements so far took: a quarter of a
      // gigabyte grown by doubling would be copied (and its pages cleared) over and over.
      // Room not written to is never touched, so it costs address space, not memory.
      let perElement = (out.count - opening) / start + 1
      if start < count && out.capacity - out.count < perElement * (count - start) {
        out.reserveCapacity(out.count + perElement * (count - start) * 3 / 2)
      }
    }
    pad(&out, indent)
    out.append(UInt8(ascii: "]"))
  }

  private static func pad(_ out: inout [UInt8], _ levels: Int) {
    for _ in 0..<levels {
      out.append(0x20)
      out.append(0x20)
    }
  }

  /// Appends `text`'s UTF-8 bytes at once (appending a `String.UTF8View` goes byte by byte).
  private static func append(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { out.append(contentsOf: $0) }
  }

  /// Appends `value` quoted, with `"`, `\` and control characters escaped (by UTF-8 byte:
  /// every byte of a multi-byte character is 0x80 or above and is copied as it is).
  private static func escape(_ value: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { bytes in
      var start = 0
      for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        switch byte {
        case 0x22: out.append(contentsOf: "\\\"".utf8)
        case 0x5C: Self.append("\\\\", to: &out)
        case 0x0A: Self.append("\\n", to: &out)
        case 0x0D: Self.append("\\r", to: &out)
        case 0x09: Self.append("\\t", to: &out)
        default:
          let hex = Array("0123456789abcdef".utf8)
          Self.append("\\u00", to: &out)
          out.append(hex[Int(byte >> 4)])
          out.append(hex[Int(byte & 0x0F)])
        }
        start = index + 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
    out.append(UInt8(ascii: "\""))
  }
}
