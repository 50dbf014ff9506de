/// A plain-text table with columns padded by character count (Vietnamese letters with
/// diacritics are one character each).
struct TextTable {
  enum Alignment { case left, right }

  var headers: [String]
  var alignments: [Alignment]
  var rows: [[String]] = []

  func rendered() -> String {
    var widths = headers.map(\.count)
    for row in rows {
      for (column, cell) in row.enumerated() where column < widths.count {
        widths[column] = max(widths[column], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (column, cell) in cells.enumerated() {
        let padding = String(repeating: " ", count: widths[column] - cell.count)
        parts.append(alignments[column] == .right ? padding + cell : cell + padding)
      }
      return parts.joined(separator: "  ").replacingTrailingSpaces()
    }
    var text = line(headers) + "\n"
    text += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
    for row in rows { text += line(row) + "\n" }
    return text
  }
}

extension String {
  func replacingTrailingSpaces() -> String {
    var result = self
    while result.last == " " { result.removeLast() }
    return result
  }
}
