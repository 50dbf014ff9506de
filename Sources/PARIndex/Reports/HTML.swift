/// Building blocks for self-contained HTML: escaping and the page shell with inline CSS
/// (no network, no external files), readable on screen and printable on A4.
enum HTML {
  static func escape(_ text: String) -> String {
    // By scalar, not by character: a quote followed by a combining mark is one character but
    // still a quote to an HTML parser.
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.nfc.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  static func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="vi">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>
    \(style)
    </style>
    </head>
    <body>
    \(body)
    </body>
    </html>

    """
  }

  static let style = """
    @page { size: A4; margin: 12mm; }
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
    .card { page-break-before: always; } .card:first-of-type { page-break-before: auto; }
    ol.improve li { margin-bottom: 2px; }
    @media print { body { margin: 0; max-width: none; font-size: 10.5px; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
    """
}
