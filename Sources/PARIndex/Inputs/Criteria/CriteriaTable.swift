/// Bảng tiêu chí — a criteria set as the two tables of a province's decision annex, which a Sở
/// Nội vụ secretary can type in Excel and save as CSV:
///
/// - **the tree** (`NAME.csv`): one row per field, criterion and leaf, in annex order (a parent
///   above its children; a code's parent is the code without its last part, `1.2` for `1.2.3`),
///   with the leaf's rule and its parameters in plain columns (``NodeColumn``);
/// - **the set's header** (`NAME-set.csv`, ``infoPath(for:)``): `key`, `value`, `name`,
///   `questions` rows for the id, title, level, year, status, source, rounding, scale, evidence
///   policy, classification bands, adjustment caps and the survey (``InfoKey``).
///
/// Columns and keys may be written in Vietnamese (``NodeColumn/aliases``), matched as year
/// files' headers are. ``read(nodes:info:encoding:)`` reports every problem at once, each at its row and
/// column, and checks the set exactly as a JSON set is checked (the same checks, in one place).
public enum CriteriaTable {
  /// A column of the tree table.
  public enum NodeColumn: String, Sendable, CaseIterable {
    /// The node's code (mã): `1`, `1.2`, `1.2.3`.
    case code
    /// The parent's code, for a set whose codes do not say it (`I` above `1`): when the column
    /// is there, an empty cell is a field; without it, `1.2` is the parent of `1.2.3`.
    case parent
    /// The node's title (nội dung).
    case title
    /// The node's maximum (điểm tối đa); a parent's is the sum of its children's.
    case maxPoints = "max_points"
    /// The leaf's rule: `check`, `choice`, `tiers`, `proportional`, `deadline`, `deduction`,
    /// `survey`, `manual`; empty for a field or criterion.
    case rule
    /// `tiers`: `≥ 98: 1; > 90: 0,5; ≥ 80: 0,25`, highest first.
    case tiers
    /// `choice`: one `key = label: points` per line.
    case options
    /// `deadline`: the due date.
    case due
    /// `deadline`: the points when late (default 0).
    case latePoints = "late_points"
    /// `deadline`: the last day late points are given (optional).
    case lateUntil = "late_until"
    /// `proportional`: the target percentage.
    case target
    /// `proportional`: below this percentage, 0 (optional).
    case zeroBelow = "zero_below"
    /// `deduction`: the points taken per item.
    case perItem = "per_item"
    /// `deduction`: the lowest points (default 0).
    case floor
    /// `survey`: the survey group's key.
    case surveyGroup = "survey_group"
    /// `manual`: the step points are given in (default one unit of the last decimal).
    case step
    /// A leaf's evidence: `required` (`bắt buộc`, `có`) or `none` (`không`, empty).
    case evidence
    /// A leaf's not-applicable policy: `exclude` (`không tính`), `full` (`tính đủ điểm`) or
    /// `forbidden` (`không được`, empty).
    case notApplicable = "not_applicable"
    /// Where the node comes from (căn cứ).
    case source

    /// The Vietnamese names a header may use.
    public var aliases: [String] {
      switch self {
      case .code: ["Mã", "Mã tiêu chí", "STT"]
      case .parent: ["Mục cha", "Mã mục cha"]
      case .title: ["Nội dung", "Tên tiêu chí", "Tiêu chí"]
      case .maxPoints: ["Điểm tối đa"]
      case .rule: ["Quy tắc", "Cách chấm"]
      case .tiers: ["Các mức", "Mức"]
      case .options: ["Lựa chọn", "Các lựa chọn"]
      case .due: ["Thời hạn", "Hạn"]
      case .latePoints: ["Điểm trễ hạn"]
      case .lateUntil: ["Trễ hạn đến"]
      case .target: ["Chỉ tiêu"]
      case .zeroBelow: ["Không điểm dưới"]
      case .perItem: ["Trừ mỗi trường hợp"]
      case .floor: ["Điểm sàn"]
      case .surveyGroup: ["Nhóm điều tra"]
      case .step: ["Bước điểm"]
      case .evidence: ["Tài liệu kiểm chứng"]
      case .notApplicable: ["Không phát sinh"]
      case .source: ["Nguồn", "Căn cứ"]
      }
    }

    /// The rules a parameter column belongs to (`nil`: every node's column).
    var rules: [String]? {
      switch self {
      case .tiers: ["tiers"]
      case .options: ["choice"]
      case .due, .latePoints, .lateUntil: ["deadline"]
      case .target, .zeroBelow: ["proportional"]
      case .perItem, .floor: ["deduction"]
      case .surveyGroup: ["survey"]
      case .step: ["manual"]
      case .evidence, .notApplicable: Rule.typeNames
      case .code, .parent, .title, .maxPoints, .rule, .source: nil
      }
    }
  }

  /// A key of the header table.
  public enum InfoKey: String, Sendable, CaseIterable {
    /// The set's id (`commune-2025`).
    case id
    /// Its title.
    case title
    /// `commune` (`xã`) or `department` (`sở`).
    case level
    /// The year assessed.
    case year
    /// `official` (`chính thức`) or `modelled` (`mô phỏng`).
    case status
    /// The decision it transcribes, or what it is modelled on.
    case source
    /// The scale the fields add up to (default 100).
    case scale
    /// Decimals of points (default 2).
    case roundingPoints = "rounding_points"
    /// Decimals of the index (default 2).
    case roundingIndex = "rounding_index"
    /// `required` (default) or `none`.
    case evidencePolicy = "evidence_policy"
    /// One classification band: `name` the label, `value` its lowest index; highest first.
    case band
    /// The cap on bonus points.
    case bonusCap = "bonus_cap"
    /// The cap on penalty points.
    case penaltyCap = "penalty_cap"
    /// One answer code of the survey scale: `name` the code, `value` its percentage.
    case surveyAnswer = "survey_answer"
    /// One survey group: `name` its key, `value` its title, `questions` its question codes separated by `;`.
    case surveyGroup = "survey_group"
    /// Survey respondents below which a unit is flagged.
    case minResponses = "min_responses"

    /// Keys that may stand on several rows (one band, answer or group each).
    var isRepeated: Bool { self == .band || self == .surveyAnswer || self == .surveyGroup }
  }

  /// The header table beside a tree table: `annex.csv` → `annex-set.csv`.
  public static func infoPath(for path: String) -> String {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + "-set" }
    return String(path[..<dot]) + "-set" + String(path[dot...])
  }

  /// Reads the tables at `path` (the tree) and ``infoPath(for:)`` (the header).
  /// - Returns: the set, and the warnings (decimals written both ways…).
  /// - Throws: ``Diagnostics`` with every problem, each at its file, row and column.
  public static func read(at path: String) throws(Diagnostics) -> (set: CriteriaSet, warnings: [Diagnostic]) {
    var problems: [Diagnostic] = []
    var files: [InputData] = []
    for file in [path, infoPath(for: path)] {
      do { files.append(try InputData.read(file)) } catch { problems += error.all }
    }
    guard problems.isEmpty else { throw Diagnostics(problems) }
    return try read(nodes: files[0], info: files[1])
  }

  /// Reads a set from its two tables in memory.
  public static func read(
    nodes: InputData, info: InputData, encoding: TextEncoding = .utf8
  ) throws(Diagnostics) -> (set: CriteriaSet, warnings: [Diagnostic]) {
    var reader = CriteriaTableReader()
    let tree = reader.table(
      nodes, required: ["code", "title", "max_points"], columns: NodeColumn.allCases.map(\.rawValue),
      aliases: Dictionary(uniqueKeysWithValues: NodeColumn.allCases.map { ($0.rawValue, $0.aliases) }),
      encoding: encoding)
    let header = reader.table(
      info, required: ["key", "value"], columns: ["key", "value", "name", "questions"],
      aliases: ["key": ["Mục"], "value": ["Giá trị"], "name": ["Tên"], "questions": ["Câu hỏi"]], encoding: encoding)
    guard let tree, let header else { throw Diagnostics(reader.log.errors) }
    let read = try reader.set(tree: tree, header: header)
    // Never a set its own JSON file would not load: read what would be written, once more.
    do {
      _ = try CriteriaSetDecoder.decode(Array(CriteriaSetJSON.render(read.set).utf8), file: nodes.name)
    } catch {
      throw Diagnostics(error.all)
    }
    return read
  }
}

extension Rule {
  /// Every rule's name, as criteria files write it.
  static let typeNames = ["check", "choice", "tiers", "proportional", "deadline", "deduction", "survey", "manual"]
}
