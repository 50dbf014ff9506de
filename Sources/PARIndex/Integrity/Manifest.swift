/// Bảng kê tệp nguồn — the trail from an output to its inputs: the tool's version, the criteria
/// set's id, file and SHA-256, and every file of the year read, in the order read, with its size
/// and SHA-256.
///
/// Every JSON and HTML output of the command line carries one; `parindex manifest` prints it
/// and `parindex verify` says whether the files are still exactly those (``verify(criteria:folder:)``).
public struct Manifest: Sendable, Hashable {
  /// One file the output came from.
  public struct File: Sendable, Hashable {
    /// Which year file it is (`units`, `assessment`, `appraisal`…), or `criteria`.
    public var kind: String
    /// The path relative to the year folder (`assessment/X01.csv`); the criteria file's path as given.
    public var path: String
    /// The size in bytes.
    public var size: Int
    /// The SHA-256 (lowercase hexadecimal); `nil` for a pipe, whose bytes cannot be read again.
    public var sha256: String?

    /// A file entry.
    public init(kind: String, path: String, size: Int, sha256: String?) {
      (self.kind, self.path, self.size, self.sha256) = (kind, path, size, sha256)
    }
  }

  /// The version of this library and of `parindex`.
  public static let toolVersion = "0.3.0"
  /// The format tag written in a manifest's JSON.
  public static let formatTag = "parindex-manifest/1"

  /// `parindex 0.3.0`.
  public var tool: String
  /// The criteria set's id.
  public var criteriaID: String
  /// The criteria file.
  public var criteria: File
  /// The year folder as given.
  public var folder: String
  /// The year's files in the order read.
  public var files: [File]

  /// A manifest as written.
  public init(tool: String, criteriaID: String, criteria: File, folder: String, files: [File]) {
    (self.tool, self.criteriaID, self.criteria, self.folder, self.files) = (tool, criteriaID, criteria, folder, files)
  }

  /// The manifest of a year read with ``LoadOptions/digests`` (its ``InputSummary`` list, in the
  /// order read) against the criteria set read from `criteriaFile` (its bytes).
  public init(criteria set: CriteriaSet, criteriaFile: InputData, folder: String, inputs: [InputSummary]) {
    let digest = FileDigest(criteriaFile.bytes)
    self.init(
      tool: "parindex \(Self.toolVersion)", criteriaID: set.id,
      criteria: File(kind: "criteria", path: criteriaFile.name, size: digest.size, sha256: digest.sha256),
      folder: folder,
      files: inputs.map {
        File(kind: $0.kind.rawValue, path: Self.relative($0.file, to: folder), size: $0.size, sha256: $0.sha256)
      })
  }

  /// `path` without the folder in front (`Examples/2025/units.csv` → `units.csv`).
  static func relative(_ path: String, to folder: String) -> String {
    guard !folder.isEmpty else { return path }
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }
}

// MARK: JSON

extension Manifest {
  /// The manifest as JSON (``formatTag``): what `parindex manifest` prints and every JSON output
  /// holds under `manifest`.
  public var json: JSONOutput {
    func file(_ file: File) -> JSONOutput {
      .object([
        ("kind", .string(file.kind)), ("path", .string(file.path)), ("size", .number(String(file.size))),
        ("sha256", .optional(file.sha256)),
      ])
    }
    return .object([
      ("format", .string(Self.formatTag)), ("tool", .string(tool)), ("criteria_id", .string(criteriaID)),
      ("criteria", file(criteria)), ("folder", .string(folder)), ("files", .array(files.map(file))),
    ])
  }

  /// Reads a manifest from `bytes`: a manifest's JSON, any JSON output holding one under
  /// `manifest`, or an HTML report holding one (its `<script id="parindex-manifest">`).
  /// - Throws: ``Diagnostics`` naming `file` when there is none, or it is damaged.
  public static func read(_ bytes: [UInt8], file: String) throws(Diagnostics) -> Manifest {
    var json = bytes
    let opening = Array(#"<script type="application/json" id="parindex-manifest">"#.utf8)
    if let start = bytes.firstRange(of: opening) {
      let rest = bytes[start.upperBound...]
      guard let end = rest.firstRange(of: Array("</script>".utf8)) else {
        throw Diagnostics([Diagnostic(.notAManifest(missing: "</script>"), at: InputLocation(file: file))])
      }
      json = Array(rest[..<end.lowerBound])
    }
    let document: JSONValue
    do { document = try JSONParser.parse(json) } catch {
      throw Diagnostics([
        Diagnostic(
          .jsonSyntax(error.problem, column: error.column), at: InputLocation(file: file, place: .line(error.line)))
      ])
    }
    func missing(_ key: String) -> Diagnostics {
      Diagnostics([Diagnostic(.notAManifest(missing: key), at: InputLocation(file: file))])
    }
    var root = document
    if root["format"]?.text != formatTag, let inner = root["manifest"] { root = inner }
    guard root["format"]?.text == formatTag else { throw missing("format: \(formatTag)") }
    func entry(_ value: JSONValue?, _ name: String) throws(Diagnostics) -> File {
      guard let value, let kind = value["kind"]?.text, let path = value["path"]?.text,
        let sizeText = value["size"]?.numberText, let size = Int(sizeText), size >= 0
      else { throw missing(name) }
      let sha256 = value["sha256"]?.text
      let hexDigits = Set("0123456789abcdef".utf8)
      if let sha256, sha256.utf8.count != 64 || !sha256.utf8.allSatisfy(hexDigits.contains) {
        throw missing("\(name).sha256")
      }
      return File(kind: kind, path: path, size: size, sha256: sha256)
    }
    guard let tool = root["tool"]?.text else { throw missing("tool") }
    guard let criteriaID = root["criteria_id"]?.text else { throw missing("criteria_id") }
    guard let folder = root["folder"]?.text else { throw missing("folder") }
    guard case .array(let list)? = root["files"] else { throw missing("files") }
    var files: [File] = []
    for (index, value) in list.enumerated() { files.append(try entry(value, "files[\(index)]")) }
    return Manifest(
      tool: tool, criteriaID: criteriaID, criteria: try entry(root["criteria"], "criteria"), folder: folder,
      files: files)
  }
}

extension JSONValue {
  /// The member `key` of an object.
  fileprivate subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  fileprivate var text: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  fileprivate var numberText: String? {
    if case .number(let text) = self { return text }
    return nil
  }
}

// MARK: Verifying

extension Manifest {
  /// How a file stands against the manifest.
  public enum Change: Sendable, Hashable {
    /// Listed, and no longer there.
    case removed(File)
    /// Listed, and its bytes are not the same (`now`: its size and SHA-256 today).
    case changed(File, nowSize: Int, nowSHA256: String)
    /// A year file that the folder holds and the manifest does not list.
    case added(kind: String, path: String)
    /// Listed without a digest (a pipe): cannot be checked.
    case unchecked(File)
    /// Listed, still there, and cannot be read now (permissions, a folder in its place): `reason`.
    case unreadable(File, reason: String)
    /// The folder as it is now cannot be read as a year (two forms of one file, a gap in the rounds…).
    case problem(Diagnostic)
  }

  /// Compares the criteria file at `criteria` and the year folder at `folder` with the manifest:
  /// every file listed is hashed again, and the folder's year files are listed again (a round
  /// added since is a change). Empty when everything is exactly as recorded.
  /// - Throws: ``Diagnostics`` when the folder cannot be listed.
  public func verify(criteria path: String, folder: String) throws(Diagnostics) -> [Change] {
    var changes: [Change] = []
    func check(_ file: File, at fullPath: String) {
      guard let recorded = file.sha256 else {
        changes.append(.unchecked(file))
        return
      }
      let digest: FileDigest
      do {
        guard let read = try FileDigest.of(path: fullPath) else {
          changes.append(.unreadable(file, reason: "not a regular file"))
          return
        }
        digest = read
      } catch {
        if case .fileNotFound = error.message {
          changes.append(.removed(file))
        } else {
          changes.append(.unreadable(file, reason: error.message.text(.english)))
        }
        return
      }
      if digest.sha256 != recorded || digest.size != file.size {
        changes.append(.changed(file, nowSize: digest.size, nowSHA256: digest.sha256))
      }
    }
    check(criteria, at: path)
    let present = try YearFiles.folder(folder)
    changes += present.log.errors.map(Change.problem)
    var listed = Set<String>()
    for file in files {
      listed.insert(file.path)
      check(file, at: InputFile.join(folder, file.path))
    }
    for (kind, part) in present.readingOrder {
      let relative = Self.relative(part.name, to: folder)
      if !listed.contains(relative) { changes.append(.added(kind: kind.rawValue, path: relative)) }
    }
    return changes
  }
}
