import Foundation

/// The files of one year, found by name in a folder (or among buffers in memory) as units and
/// councils send them: each kind of file as `NAME.csv`, `NAME.txt` (Excel's "Unicode Text") or
/// `NAME.xlsx`, or — for assessment, appraisal, evidence, adjustments and explanations — a
/// folder `NAME/` of such files, one per unit, read in file-name order.
///
/// Names are matched case-insensitively (`Assessment.CSV` is `assessment.csv`), as on the
/// Windows machines the files come from. Two forms of one file is an error naming both; an
/// `.xls`, `.xlsm`, `.xlsb` or `.ods` where a file is expected is named for what it is.
struct YearFiles: Sendable {
  /// Where a part's bytes are.
  enum Source: Sendable {
    case path(String)
    case memory([UInt8])
  }

  /// One file to read.
  struct Part: Sendable {
    /// The name in messages: the path, or the name given to data from memory.
    var name: String
    var source: Source
    /// Read as a workbook (`.xlsx`), not as text.
    var isWorkbook: Bool
  }

  /// The parts of each kind present, in reading order (for appraisal, `appraisal` in one round).
  private(set) var parts: [YearFileKind: [Part]] = [:]
  /// The parts of `appraisal-1`, `appraisal-2`…, round by round, when the year is appraised in rounds.
  private(set) var roundParts: [[Part]] = []
  /// Problems found while resolving (errors and warnings).
  private(set) var log = DiagnosticLog()
  /// The folder (or name) the files are in, for messages about a file that is not there.
  let root: String

  /// The extensions of the forms a year file may take.
  static let textExtensions = ["csv", "txt"]
  static let workbookExtensions = ["xlsx"]
  /// Forms that are refused with a message saying what to do.
  static let refusedExtensions: [String: Message.FileKind] = ["xls": .xls, "xlsm": .xlsm, "xlsb": .xlsb, "ods": .ods]
  /// System files that sit in folders copied from Windows or macOS: never year files, never warned about.
  static let litter: Set<String> = [".ds_store", "thumbs.db", "desktop.ini"]

  func parts(_ kind: YearFileKind) -> [Part] { parts[kind] ?? [] }

  /// Whether `kind` is present in any form.
  func has(_ kind: YearFileKind) -> Bool { !(parts[kind] ?? []).isEmpty }

  /// The appraisal's parts round by round: `appraisal` as one round, or `appraisal-1`, `appraisal-2`….
  var appraisalRounds: [[Part]] { has(.appraisal) ? [parts(.appraisal)] : roundParts }

  /// Every part in the order a year is read (``YearLoader``): units, assessment, appraisal
  /// rounds, adjustments, evidence, explanation, survey.
  var readingOrder: [(kind: YearFileKind, part: Part)] {
    func of(_ kind: YearFileKind) -> [(kind: YearFileKind, part: Part)] { parts(kind).map { (kind, $0) } }
    return of(.units) + of(.assessment) + appraisalRounds.flatMap { $0.map { (YearFileKind.appraisal, $0) } }
      + of(.adjustments) + of(.evidence) + of(.explanation) + of(.survey)
  }

  /// The round of a stem `appraisal-N` (N digits), or `nil`.
  static func roundNumber(_ stem: String) -> Int? {
    let prefix = YearFileKind.appraisal.rawValue + "-"
    guard stem.hasPrefix(prefix) else { return nil }
    let digits = stem.dropFirst(prefix.count)
    guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(digits)
  }

  /// The path (in the folder) a missing file of `kind` would have, for messages.
  func expectedName(_ kind: YearFileKind) -> String { Self.join(root, kind.rawValue + ".csv") }

  /// Whether `path`, a name in messages, is this year's `kind` file or a file in its `kind`
  /// folder (`Units.csv`, `assessment/X01.csv`): the name within the year, without regard to
  /// case. A folder above the year (`Assessment-2025/`) names no kind.
  func names(_ path: String, _ kind: YearFileKind) -> Bool {
    let prefix = root.isEmpty ? "" : Self.join(root, "")
    guard path.hasPrefix(prefix) else { return false }
    let first = path.dropFirst(prefix.count).split(separator: "/").first.map(String.init) ?? ""
    return Entry.split(first).stem == kind.rawValue
  }

  /// The files of the folder at `path`.
  static func folder(_ path: String) throws(Diagnostics) -> YearFiles {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw Diagnostics([Diagnostic(.folderNotFound, at: InputLocation(file: path))])
    }
    guard isDirectory.boolValue else { throw Diagnostics([Diagnostic(.expectedFolder, at: InputLocation(file: path))]) }
    let folderKinds = Set(YearFileKind.allCases.filter(\.mayBeFolder).map(\.rawValue))
    let entries = listing(path).map { name -> Entry in
      let full = join(path, name)
      let isFolder = InputFile.isFolder(full)
      // Only a folder named like a year file is looked into.
      let children =
        isFolder && (folderKinds.contains(TextFolding.folded(name)) || roundNumber(TextFolding.folded(name)) != nil)
        ? listing(full).map { child in
          Entry(
            name: child, display: join(full, child), isFolder: InputFile.isFolder(join(full, child)),
            source: .path(join(full, child)))
        } : []
      return Entry(name: name, display: full, isFolder: isFolder, children: children, source: .path(full))
    }
    return resolve(entries, root: path)
  }

  /// The files given in memory; names are paths relative to the year folder (`units.csv`,
  /// `assessment/X01.xlsx`).
  static func memory(_ files: [InputData], root: String = "") -> YearFiles {
    var top: [String: Entry] = [:]
    var order: [String] = []
    for file in files {
      let components = file.name.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
      guard let first = components.first else { continue }
      if top[first] == nil { order.append(first) }
      if components.count == 1 {
        top[first] = Entry(name: first, display: join(root, file.name), isFolder: false, source: .memory(file.bytes))
      } else {
        var folder = top[first] ?? Entry(name: first, display: join(root, first), isFolder: true, source: .memory([]))
        folder.isFolder = true
        folder.children.append(
          Entry(
            name: components.dropFirst().joined(separator: "/"), display: join(root, file.name), isFolder: false,
            source: .memory(file.bytes)))
        top[first] = folder
      }
    }
    return resolve(order.compactMap { top[$0] }, root: root)
  }

  /// One name in a folder.
  private struct Entry {
    var name: String
    var display: String
    var isFolder: Bool
    /// A folder's files (listed only for folders named like a year file).
    var children: [Entry] = []
    var source: Source

    /// The name before the last dot, folded, and the extension, lower-cased.
    var stem: String { Self.split(name).stem }
    var fileExtension: String { Self.split(name).fileExtension }

    static func split(_ name: String) -> (stem: String, fileExtension: String) {
      guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (TextFolding.folded(name), "") }
      return (TextFolding.folded(String(name[..<dot])), String(name[name.index(after: dot)...]).lowercased())
    }
  }

  private static func resolve(_ entries: [Entry], root: String) -> YearFiles {
    var files = YearFiles(root: root)
    let known = Set(YearFileKind.allCases.map(\.rawValue))
    for kind in YearFileKind.allCases {
      let matching = entries.filter {
        $0.stem == kind.rawValue && (!$0.isFolder || $0.fileExtension.isEmpty || Self.isForm($0.fileExtension))
      }
      files.resolve(kind, matching)
    }
    files.resolveRounds(entries)
    // A table-like file with another name is most likely a misspelt year file: say it is ignored.
    for entry in entries where !entry.isFolder && !known.contains(entry.stem) && roundNumber(entry.stem) == nil {
      let ext = entry.fileExtension
      if textExtensions.contains(ext) || workbookExtensions.contains(ext) || refusedExtensions[ext] != nil {
        files.log.warn(
          .unknownYearFile(expected: YearFileKind.allCases.map(\.rawValue)), at: InputLocation(file: entry.display))
      }
    }
    return files
  }

  private mutating func resolve(_ kind: YearFileKind, _ entries: [Entry]) {
    if let found = resolvedParts(kind, entries) { parts[kind] = found }
  }

  /// `appraisal-1`, `appraisal-2`…: rounds from 1 without a gap, never beside `appraisal`.
  private mutating func resolveRounds(_ entries: [Entry]) {
    var byRound: [Int: [Entry]] = [:]
    for entry in entries {
      guard let round = Self.roundNumber(entry.stem) else { continue }
      // Only the forms a year file takes: `appraisal-2.pdf` (the scanned minutes) is no round.
      if entry.isFolder ? entry.fileExtension.isEmpty : Self.isForm(entry.fileExtension) {
        byRound[round, default: []].append(entry)
      }
    }
    guard let last = byRound.keys.max() else { return }
    if let single = parts[.appraisal]?.first {
      let other = byRound.keys.sorted().first.flatMap { byRound[$0]?.first?.display } ?? "appraisal-1"
      log.add(.appraisalFormsMixed(other: other), at: InputLocation(file: single.name))
      return
    }
    if let zero = byRound[0]?.first {
      log.add(.roundNotPositive, at: InputLocation(file: zero.display))
      return
    }
    var rounds: [[Part]] = []
    for round in 1...last {
      guard let candidates = byRound[round] else {
        log.add(
          .appraisalRoundMissing(round: round), at: InputLocation(file: Self.join(root, "appraisal-\(round).csv")))
        return
      }
      guard let found = resolvedParts(.appraisal, candidates) else { return }
      rounds.append(found)
    }
    roundParts = rounds
  }

  /// The parts of one file kind among `entries` (a file, or a folder's files); `nil` after a problem.
  private mutating func resolvedParts(_ kind: YearFileKind, _ entries: [Entry]) -> [Part]? {
    var candidates: [Entry] = []
    for entry in entries {
      if entry.isFolder && !entry.fileExtension.isEmpty {
        // `survey.csv/`: a folder where a file should be.
        log.add(.expectedFile, at: InputLocation(file: entry.display))
        return nil
      } else if entry.isFolder {
        if kind.mayBeFolder { candidates.append(entry) }
      } else if Self.textExtensions.contains(entry.fileExtension)
        || Self.workbookExtensions.contains(entry.fileExtension)
        || Self.refusedExtensions[entry.fileExtension] != nil
      {
        candidates.append(entry)
      }
    }
    // Files before folders, each in name order: the messages name them the same way every time.
    candidates.sort { ($0.isFolder ? 1 : 0, $0.name) < ($1.isFolder ? 1 : 0, $1.name) }
    guard let chosen = candidates.first else { return nil }
    if candidates.count > 1 {
      for other in candidates.dropFirst() {
        log.add(.twoForms(other: other.display), at: InputLocation(file: chosen.display))
      }
      return nil
    }
    if chosen.isFolder {
      var parts: [Part] = []
      let children = chosen.children.sorted {
        $0.name.nfc.unicodeScalars.lexicographicallyPrecedes($1.name.nfc.unicodeScalars)
      }
      for child in children {
        let lowered = child.name.lowercased()
        if child.name.hasPrefix("~$") {
          log.warn(.workbookOpenElsewhere, at: InputLocation(file: child.display))
        } else if child.name.hasPrefix(".") || Self.litter.contains(lowered) {
          continue
        } else if child.isFolder {
          log.warn(.ignoredFileInFolder, at: InputLocation(file: child.display))
        } else if let refused = Self.refusedExtensions[child.fileExtension] {
          log.add(.unsupportedFileKind(refused), at: InputLocation(file: child.display))
        } else if Self.textExtensions.contains(child.fileExtension)
          || Self.workbookExtensions.contains(child.fileExtension)
        {
          parts.append(
            Part(
              name: child.display, source: child.source,
              isWorkbook: Self.workbookExtensions.contains(child.fileExtension)))
        } else {
          log.warn(.ignoredFileInFolder, at: InputLocation(file: child.display))
        }
      }
      if parts.isEmpty && log.errors.allSatisfy({ !$0.file.hasPrefix(chosen.display) }) {
        log.add(.emptyFolder, at: InputLocation(file: chosen.display))
      }
      return parts
    } else if let refused = Self.refusedExtensions[chosen.fileExtension] {
      log.add(.unsupportedFileKind(refused), at: InputLocation(file: chosen.display))
      return nil
    } else {
      return [
        Part(
          name: chosen.display, source: chosen.source,
          isWorkbook: Self.workbookExtensions.contains(chosen.fileExtension))
      ]
    }
  }

  /// Whether `fileExtension` is one of a year file's forms (or a refused form).
  static func isForm(_ fileExtension: String) -> Bool {
    textExtensions.contains(fileExtension) || workbookExtensions.contains(fileExtension)
      || refusedExtensions[fileExtension] != nil
  }

  /// The names in a folder (none when it cannot be listed).
  private static func listing(_ path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
  }

  static func join(_ folder: String, _ name: String) -> String {
    folder.isEmpty ? name : InputFile.join(folder, name)
  }
}
