/// A parsed JSON document that keeps what a criteria set needs and Foundation loses:
/// number literals as their exact text, key order, and where each value stands.
indirect enum JSONValue: Sendable, Equatable {
  case object([(key: String, value: JSONValue)])
  case array([JSONValue])
  case string(String)
  /// The literal exactly as written (`0.25`, `1e3`); interpretation is the caller's.
  case number(String)
  case bool(Bool)
  case null

  static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.object(let a), .object(let b)):
      a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    case (.array(let a), .array(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.number(let a), .number(let b)): a == b
    case (.bool(let a), .bool(let b)): a == b
    case (.null, .null): true
    default: false
    }
  }

  /// The value's kind, for error messages.
  var kind: Message.JSONKind {
    switch self {
    case .object: .object
    case .array: .list
    case .string: .text
    case .number: .number
    case .bool: .boolean
    case .null: .null
    }
  }
}
