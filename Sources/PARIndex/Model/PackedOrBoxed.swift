/// Where a row value's parts are kept (``LeafEntry``, ``EvidenceDocument``): a row built in
/// code in a shared box of its own fields, a row read from a file as its index in the file's
/// packed rows.
enum PackedOrBoxed<Fields: Sendable & Hashable, Columns: AnyObject & Sendable>: Sendable {
  case boxed(SharedBox<Fields>)
  case packed(Columns, Int)

  /// A part: from the box, or read from the packed row.
  @inline(__always)
  func read<Part>(_ boxed: (Fields) -> Part, _ packed: (Columns, Int) -> Part) -> Part {
    switch self {
    case .boxed(let box): boxed(box.value)
    case .packed(let columns, let row): packed(columns, row)
    }
  }

  /// Whether both are the same packed row (then equal without comparing parts).
  func isSameRow(as other: PackedOrBoxed) -> Bool {
    guard case .packed(let left, let leftRow) = self, case .packed(let right, let rightRow) = other else {
      return false
    }
    return left === right && leftRow == rightRow
  }
}
