/// Building blocks for self-contained HTML: escaping and the page shell with inline CSS
/// (no network, no external files), readable on screen and printable on A4.
enum HTML {
  static func escape(_ text: String) -> String {
    // By UTF-8 byte: the five markup characters are ASCII, and a quote followed by a combining
    // mark is still a quote to an HTML parser (it is escaped whatever follows it). Text with
    // none of them is returned as it is (after NFC), without a copy.
    var text = text.nfc
    return text.withUTF8 { bytes -> String in
      guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
        return String(decoding: bytes, as: UTF8.self)
      }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + 16)
      for byte in bytes {
        switch byte {
        case 0x26: out += "&amp;".utf8
        case 0x3C: out += "&lt;".utf8
        case 0x3E: out += "&gt;".utf8
        case 0x22: out += "&quot;".utf8
        case 0x27: out += "&#39;".utf8
        default: out.append(byte)
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
  }

  /// A whole page; `landscape` prints it across A4 (wide tables).
  static func page(title: String, body: String, landscape: Bool = false) -> String {
    """
    <!DOCTYPE html>
    <html lang="vi">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>
    \(style)\(landscape ? "\n@page { size: A4 landscape; }" : "")
    </style>
    </head>
    <body>
    \(withTableHeads(body))
    </body>
    </html>

    """
  }

  /// `html` with the header row of every table that starts with one (`<tr><th…`) in a `<thead>`
  /// and the other rows in a `<tbody>`: printed, a table's header repeats on every page. Tables
  /// that already have a `<thead>` are left alone. (The renderers write flat tables; this is the
  /// one place that makes them print well.)
  static func withTableHeads(_ html: String) -> String {
    // On UTF-8 bytes: a report is tens of megabytes, and Foundation's string search would
    // take seconds on it.
    let bytes = Array(html.utf8)
    func find(_ needle: String, from start: Int, before end: Int? = nil) -> Int? {
      let pattern = Array(needle.utf8)
      let limit = (end ?? bytes.count) - pattern.count
      guard start <= limit else { return nil }
      var index = start
      while index <= limit {
        if bytes[index] == pattern[0] && bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
        index += 1
      }
      return nil
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 50)
    var position = 0
    while let table = find("<table", from: position) {
      let next = find("<table", from: table + 6) ?? bytes.count
      guard find("<thead", from: table, before: next) == nil, let firstRow = find("<tr>", from: table, before: next),
        find("<tr><th", from: firstRow, before: firstRow + 7) == firstRow,
        let headEnd = find("</tr>", from: firstRow, before: next),
        let tableEnd = find("</table>", from: headEnd, before: next)
      else {
        out += bytes[position..<next]
        position = next
        continue
      }
      out += bytes[position..<firstRow]
      out += "<thead>".utf8
      out += bytes[firstRow..<(headEnd + 5)]
      out += "</thead><tbody>".utf8
      out += bytes[(headEnd + 5)..<tableEnd]
      out += "</tbody>".utf8
      out += bytes[tableEnd..<next]
      position = next
    }
    out += bytes[position...]
    return String(decoding: out, as: UTF8.self)
  }

  static let style = """
    @page { size: A4; margin: 10mm 10mm 12mm; }
    body { font-family: "Noto Sans", "Segoe UI", Arial, sans-serif; font-size: 13px; color: #1a1a1a; margin: 24px auto; max-width: 1100px; padding: 0 16px; line-height: 1.4; }
    h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #0b5394; padding-bottom: 4px; color: #0b5394; }
    h3 { font-size: 15px; margin: 20px 0 6px; } .meta { color: #555; margin: 0 0 12px; }
    .modelled { background: #fff4ce; border: 1px solid #e0c060; padding: 6px 10px; border-radius: 4px; }
    table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; }
    th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; } th { background: #eef3f8; text-align: left; }
    td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    tr.field td { background: #f3f6fa; font-weight: 600; } tr.criterion td { font-weight: 600; }
    td.d1 { padding-left: 18px; } td.d2 { padding-left: 32px; } td.d3 { padding-left: 46px; }
    .bad { color: #b00020; } .note { color: #555; font-size: 12px; } .evidence { color: #335; font-size: 11px; }
    .h9 { background: #1b7837; color: #fff; } .h8 { background: #5aae61; } .h7 { background: #a6dba0; } .h6 { background: #fee08b; }
    .h5 { background: #fdae61; } .h0 { background: #d73027; color: #fff; } .hx { background: #eee; color: #777; }
    .heat td { text-align: center; font-variant-numeric: tabular-nums; } .heat td.name { text-align: left; }
    .legend span { display: inline-block; padding: 1px 8px; margin-right: 4px; border-radius: 3px; }
    .card { break-before: page; } .card:first-of-type { break-before: auto; }
    ol.improve li { margin-bottom: 2px; }
    td.class, th.class, .nowrap { white-space: nowrap; }
    .fields { columns: 2; column-gap: 24px; margin: 4px 0 12px; padding-left: 18px; font-size: 12px; }
    .fields li { break-inside: avoid; }
    thead { display: table-header-group; }
    table.losses { table-layout: fixed; } table.losses col.code { width: 7%; } table.losses col.title { width: 36%; }
    table.losses col.pts { width: 10%; } table.losses col.lost { width: 6%; } table.losses col.notes { width: 21%; }
    table.losses col.advice { width: 20%; } table.losses .note { font-size: 11px; } table.fieldsum td, table.fieldsum th { text-align: center; }
    @media print {
      body { margin: 0; max-width: none; padding: 0; font-size: 9pt; line-height: 1.25; }
      table.losses { font-size: 8.5pt; } table.losses .note { font-size: 7.5pt; } .card p { margin: 3px 0; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 14px; } h3 { font-size: 11pt; margin-top: 10px; }
      h1, h2, h3, h4, p.legend, ul.fields { break-after: avoid; page-break-after: avoid; }
      table { margin: 4px 0 8px; width: 99.6%; } th, td { padding: 2px 4px; }
      tr, li, svg, p.modelled { break-inside: avoid; page-break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
      .screen { display: none; }
      h2.part { break-before: page; }
    }
    """
}
