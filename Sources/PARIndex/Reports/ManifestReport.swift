/// A ``Manifest`` for people and for `verify`: as text (`parindex manifest`), as an HTML block
/// (a table, and the manifest's JSON in a `<script id="parindex-manifest">` that `verify`
/// reads back from the page), and a verification's outcome in words.
public enum ManifestReport {
  /// The manifest as lines of text: the tool, the criteria file, then one line per file read.
  public static func text(_ manifest: Manifest, _ language: Language = .vietnamese) -> String {
    var text = language.pick(vi: "Bảng kê tệp nguồn", en: "Manifest") + " (\(manifest.tool))\n"
    text += language.pick(vi: "Bộ tiêu chí ", en: "Criteria set ") + "\(manifest.criteriaID)\n"
    let rows = [manifest.criteria] + manifest.files
    let width = rows.map { $0.kind.count }.max() ?? 0
    let sizeWidth = rows.map { String($0.size).count }.max() ?? 0
    for file in rows {
      let size = String(file.size)
      text += file.kind.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
      text += String(repeating: " ", count: sizeWidth - size.count) + size + "  "
      text += (file.sha256 ?? language.pick(vi: "(ống dẫn: không băm được)", en: "(a pipe: not hashed)")) + "  "
      text += file.path + "\n"
    }
    return text
  }

  /// The manifest as an HTML block: a table of the files and the manifest's JSON, which
  /// `parindex verify` reads from the page. `id` tells two manifests of one page apart.
  public static func html(_ manifest: Manifest, id: String = "parindex-manifest", title: String? = nil) -> String {
    var html = "<h3>\(HTML.escape(title ?? "Bảng kê tệp nguồn (SHA-256)"))</h3>\n"
    html +=
      "<p class=\"meta\">\(HTML.escape(manifest.tool)) · bộ tiêu chí <code>\(HTML.escape(manifest.criteriaID))</code>"
    html += " · thư mục <code>\(HTML.escape(manifest.folder))</code></p>\n"
    html += "<table>\n<tr><th>Loại</th><th>Tệp</th><th class=\"n\">Dung lượng (byte)</th><th>SHA-256</th></tr>\n"
    for file in [manifest.criteria] + manifest.files {
      html +=
        "<tr><td>\(HTML.escape(Labels.manifestKind(file.kind)))</td><td><code>\(HTML.escape(file.path))</code></td>"
      html += "<td class=\"n\">\(file.size)</td><td><code class=\"digest\">\(file.sha256 ?? "—")</code></td></tr>\n"
    }
    html += "</table>\n"
    // `<` escaped as \u003c: no text of the manifest can close the script element.
    let json = manifest.json.rendered().unicodeScalars.map { $0 == "<" ? "\\u003c" : String($0) }.joined()
    html += "<script type=\"application/json\" id=\"\(id)\">\n\(json)</script>\n"
    return html
  }

  /// The previous year's manifest on a page that compares two years: a second block, told apart
  /// from this year's by its id.
  public static func previousYearHTML(_ manifest: Manifest) -> String {
    html(manifest, id: "parindex-manifest-previous", title: "Bảng kê tệp nguồn của năm trước (SHA-256)")
  }

  /// What `verify` found, one line per change; "nothing changed" when `changes` is empty.
  public static func verification(_ changes: [Manifest.Change], _ manifest: Manifest, _ language: Language) -> String {
    guard !changes.isEmpty else {
      let count = manifest.files.count + 1
      return language.pick(
        vi: "Khớp: \(count) tệp (bộ tiêu chí và \(manifest.files.count) tệp số liệu) đúng như bảng kê.\n",
        en:
          "Unchanged: all \(count) files (the criteria set and \(manifest.files.count) year files) are exactly as listed.\n"
      )
    }
    var text = ""
    for change in changes {
      switch change {
      case .removed(let file):
        text += language.pick(vi: "KHÔNG CÒN: ", en: "REMOVED: ") + file.path + "\n"
      case .changed(let file, let size, _):
        text += language.pick(vi: "ĐÃ THAY ĐỔI: ", en: "CHANGED: ") + file.path
        text +=
          size == file.size
          ? language.pick(vi: " (cùng dung lượng, khác nội dung)", en: " (same size, other bytes)")
          : language.pick(vi: " (\(file.size) → \(size) byte)", en: " (\(file.size) → \(size) bytes)")
        text += "\n"
      case .added(let kind, let path):
        text += language.pick(vi: "THÊM MỚI: ", en: "ADDED: ") + path + " (\(kind))\n"
      case .unreadable(let file, let reason):
        text += language.pick(vi: "KHÔNG ĐỌC ĐƯỢC: ", en: "UNREADABLE: ") + file.path + " (\(reason))\n"
      case .unchecked(let file):
        text += language.pick(vi: "KHÔNG KIỂM ĐƯỢC (ống dẫn): ", en: "NOT CHECKED (a pipe): ") + file.path + "\n"
      case .problem(let diagnostic):
        text += diagnostic.rendered(language) + "\n"
      }
    }
    let count = changes.count
    text += language.pick(
      vi: "\(count) khác biệt so với bảng kê.\n", en: "\(count) difference\(count == 1 ? "" : "s") from the manifest.\n"
    )
    return text
  }
}
