import Foundation
import Testing

@testable import PARIndex

/// Paths inside the repository, found from this file's location.
enum Repository {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  static func path(_ relative: String) -> String { root + "/" + relative }
  static let fixtures = path("Tests/PARIndexTests/Fixtures")
  static let golden = path("Tests/PARIndexTests/Golden")
}

/// A temporary folder holding a year of data written from strings; removed on deinit, with
/// the files made beside it by ``sibling(_:)``.
final class TemporaryYear {
  let path: String
  private var siblings: [String] = []

  init(_ files: [String: String]) throws {
    path = NSTemporaryDirectory() + "parindex-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, content) in files { try write(name, content) }
  }

  func write(_ name: String, _ content: String) throws {
    try Data(content.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
  }

  func writeBytes(_ name: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path + "/" + name))
  }

  /// A path beside the folder (`FOLDER-name`), for a file that must lie outside the year folder
  /// (an output, a copy of the criteria); removed with the folder.
  func sibling(_ name: String) -> String {
    let sibling = path + "-" + name
    siblings.append(sibling)
    return sibling
  }

  deinit {
    for item in [path] + siblings { try? FileManager.default.removeItem(atPath: item) }
  }
}

enum Mini {
  static var criteria: CriteriaSet {
    get throws { try Assessment.loadCriteria(at: Repository.fixtures + "/mini-2025.json") }
  }

  /// Three units, two groups.
  static let units = """
    unit_id,name,group
    A,Xã An Bình,xã
    B,Xã Bình Minh,xã
    P,Phường Tân Phú,phường

    """

  /// Header-only evidence and survey files: "no documents, no answers" said on purpose, as a
  /// year that leaves them out must (an absent file the set needs is an error).
  static let noEvidence = "evidence_id,unit_id,title\n"
  static let noSurvey = "unit_id,respondent_id,question,answer\n"

  /// Runs the mini criteria set on a year made of `files` (units.csv defaults to ``units``;
  /// evidence.csv and survey.csv to header-only files).
  static func run(_ files: [String: String]) throws -> YearResults {
    var files = files
    if files["units.csv"] == nil { files["units.csv"] = units }
    if files["evidence.csv"] == nil { files["evidence.csv"] = noEvidence }
    if files["survey.csv"] == nil { files["survey.csv"] = noSurvey }
    let year = try TemporaryYear(files)
    return try Assessment.run(criteria: criteria, folder: year.path)
  }

  /// Standard error without the one warning the mini year gives on purpose: B's leaf 1.2
  /// cites `E9`, which B's evidence file does not hold (`W-EVIDENCE-UNKNOWN`, in either language).
  static func unexpected(_ err: String) -> String {
    err.split(separator: "\n").filter { !($0.contains("assessment") && $0.contains("evidence 'E9'")) }
      .joined(separator: "\n")
  }

  /// The problems a year gives, as lines.
  static func problems(_ files: [String: String]) throws -> [String] {
    do {
      _ = try run(files)
      return []
    } catch let error as Diagnostics {
      return error.errors.map { $0.rendered(.english) }
    }
  }
}

func decimal(_ text: String) -> FixedDecimal { try! FixedDecimal.parse(text).get() }

/// Compares `actual` with the golden file `name` byte for byte. A missing golden is recorded
/// and the test fails; `PARINDEX_RECORD=1` re-records — only once you know why it changed.
/// Paths of files read (a report's and the JSON's list of inputs) are made relative to the
/// repository first, so that a golden holds `Examples/2025/…` on every machine.
func assertGolden(_ rendered: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let actual = rendered.replacingOccurrences(of: Repository.root + "/", with: "")
  let path = Repository.golden + "/" + name
  let record = ProcessInfo.processInfo.environment["PARINDEX_RECORD"] == "1"
  // Bytes, not Strings: Foundation drops a BOM when it decodes, and the BOM is part of the format.
  guard !record, let expected = FileManager.default.contents(atPath: path) else {
    try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
    Issue.record("Recorded golden \(name): check it by hand before committing", sourceLocation: sourceLocation)
    return
  }
  // Compared first and reported by the first differing line: an `#expect` on two large Data
  // values would make Swift Testing diff them, which takes minutes for a report.
  let actualBytes = Data(actual.utf8)
  guard actualBytes != expected else { return }
  let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
  let line =
    zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
    ?? min(actualLines.count, expectedLines.count)
  let shown = { (lines: [Substring]) in line < lines.count ? String(lines[line].prefix(300)) : "(end of file)" }
  Issue.record(
    "\(name) differs from its golden at line \(line + 1):\n  golden: \(shown(expectedLines))\n  now:    \(shown(actualLines))",
    sourceLocation: sourceLocation)
}
