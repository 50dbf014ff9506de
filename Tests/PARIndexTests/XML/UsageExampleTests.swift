import Testing

@testable import PARIndex

/// The usage example from the hand-back report, compiled and checked.
@Suite struct UsageExampleTests {
  /// Reads `<c r="C2" s="3" t="n"><v>0.5</v></c>` cells: reference, style, type and value.
  @Test func readCells() throws {
    let ns = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
    let chunk = Array(#"<sheetData \#(ns)><c r="C2" s="3" t="n"><v>0.5</v></c></sheetData>"#.utf8)
    var cells: [(ref: String, style: Int, type: String, value: Double)] = []

    var tok = XMLTokenizer()  // default XMLLimits
    let main = XMLNamespace.spreadsheetML
    let (c, v) = (tok.name(namespace: main, local: "c"), tok.name(namespace: main, local: "v"))
    let (r, s, t) = (
      tok.name(namespace: "", local: "r"), tok.name(namespace: "", local: "s"),
      tok.name(namespace: "", local: "t")
    )
    var cell = (ref: "", style: 0, type: "n", inV: false)
    let handler = { (event: XMLEvent) in
      switch event {
      case .startElement(let e) where e.name == c:
        let a = e.attributes
        cell = (a[r]?.string ?? "", a[s]?.decimalInteger ?? 0, a[t]?.string ?? "n", false)
      case .startElement(let e): cell.inV = e.name == v
      case .text(let bytes) where cell.inV:
        cells.append((cell.ref, cell.style, cell.type, Double(bytes.string) ?? .nan))
      case .endElement(let n): if n == v { cell.inV = false }
      default: break
      }
    }
    try chunk.withUnsafeBytes { raw in try tok.feed(raw, handler) }  // once per inflated chunk
    try tok.finish(handler)

    #expect(cells.count == 1)
    let first = try #require(cells.first)
    #expect(first.ref == "C2" && first.style == 3 && first.type == "n" && first.value == 0.5)
  }
}
