/// A small JSON writer with stable key order (keys are written in the order given, never
/// from a dictionary) and two-space indentation, so the same results give the same bytes.
public indirect enum JSONOutput: Sendable {
  /// Members in the order given.
  case object([(String, JSONOutput)])
  /// Elements in order.
  case array([JSONOutput])
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
  public func rendered() -> String {
    var text = ""
    write(into: &text, indent: 0)
    return text + "\n"
  }

  private func write(into text: inout String, indent: Int) {
    let pad = String(repeating: "  ", count: indent + 1)
    let closing = String(repeating: "  ", count: indent)
    switch self {
    case .object(let members):
      if members.isEmpty {
        text += "{}"
        return
      }
      text += "{\n"
      for (position, (key, value)) in members.enumerated() {
        text += pad + Self.escaped(key) + ": "
        value.write(into: &text, indent: indent + 1)
        text += position == members.count - 1 ? "\n" : ",\n"
      }
      text += closing + "}"
    case .array(let elements):
      if elements.isEmpty {
        text += "[]"
        return
      }
      text += "[\n"
      for (position, element) in elements.enumerated() {
        text += pad
        element.write(into: &text, indent: indent + 1)
        text += position == elements.count - 1 ? "\n" : ",\n"
      }
      text += closing + "]"
    case .string(let value): text += Self.escaped(value.nfc)
    case .number(let literal): text += literal
    case .bool(let value): text += value ? "true" : "false"
    case .null: text += "null"
    }
  }

  static func escaped(_ value: String) -> String {
    var result = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
