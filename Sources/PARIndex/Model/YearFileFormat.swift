/// A column of a year file, by its English name (the name written in output and in
/// messages), with the Vietnamese names a header may use instead.
///
/// Header names are matched after NFC normalisation, trimming, case folding and making inner
/// runs of spaces one: `Mã đơn vị`, ` MÃ ĐƠN VỊ ` and `mã  đơn vị` are all `unit_id`.
public enum Column: String, Sendable, Hashable, CaseIterable {
  /// The unit's id (mã đơn vị), in every file; the key that joins them.
  case unitID = "unit_id"
  /// The unit's name (tên đơn vị), in `units`.
  case name
  /// The ranking block (khối) the unit is ranked in, in `units`.
  case group
  /// A criteria code (mã tiêu chí): a leaf's in an assessment or appraisal row.
  case code
  /// The fact a leaf's rule scores (giá trị): yes/no, a percentage, a date, a count, an option key.
  case value
  /// Points (điểm): claimed by the unit, given by the council, or an adjustment's amount.
  case points
  /// The ids of the unit's evidence documents for the row, separated by `;` or `|`.
  case evidence
  /// A free note (ghi chú) on an assessment row.
  case note
  /// Why (lý do): an appraisal that changes the unit's score, an adjustment.
  case reason
  /// An evidence document's id (mã tài liệu), unique per unit.
  case evidenceID = "evidence_id"
  /// An evidence document's title or summary (tên tài liệu, trích yếu).
  case title
  /// An evidence document's number and symbol (số ký hiệu).
  case documentNumber = "doc_number"
  /// A date (ngày): an evidence document's date of issue, an appraisal's, an explanation's.
  case date
  /// The body that issued an evidence document (cơ quan ban hành).
  case issuer
  /// Where an evidence document is kept (vị trí, đường dẫn): a path or a link.
  case location
  /// A survey respondent's id (mã phiếu), the answer sheet.
  case respondentID = "respondent_id"
  /// A survey question's code (câu hỏi), one of the set's survey groups' questions.
  case question
  /// A survey answer (trả lời), a code of the set's survey scale.
  case answer
  /// A survey answer's weight (trọng số), 1 when absent.
  case weight
  /// An adjustment's kind (loại): `bonus` or `thưởng`, `penalty` or `trừ`.
  case kind
  /// Who appraised the row (người thẩm định), in `appraisal`.
  case appraiser
  /// The text of a unit's explanation (nội dung giải trình), in `explanation`.
  case text
  /// The appraisal round an explanation answers (vòng), in `explanation`: 1, 2…
  case round

  /// What a cell of the column holds, which decides how a workbook cell becomes text.
  enum Role {
    /// An id or code: a number cell here means Excel changed what was typed.
    case identifier
    /// A leaf's value: a percentage, a date, a count, a word.
    case value
    /// A number (points, weight).
    case number
    /// A date.
    case date
    /// Free text.
    case text
  }

  var role: Role {
    switch self {
    case .unitID, .code, .evidenceID, .respondentID, .question: .identifier
    case .value, .answer: .value
    case .points, .weight, .round: .number
    case .date: .date
    case .name, .group, .evidence, .note, .reason, .title, .documentNumber, .issuer, .location, .kind, .appraiser,
      .text:
      .text
    }
  }

  /// The Vietnamese names of the column in `file` (some depend on the file: `Điểm tự chấm` is
  /// the points of a self-assessment, `Điểm thẩm định` of an appraisal).
  public func aliases(in file: YearFileKind) -> [String] {
    switch self {
    case .unitID: ["Mã đơn vị"]
    case .name: ["Tên đơn vị"]
    case .group: ["Khối", "Nhóm"]
    case .code: ["Mã tiêu chí"]
    case .value: ["Giá trị", "Kết quả"]
    case .points:
      switch file {
      case .assessment: ["Điểm", "Điểm tự chấm"]
      case .appraisal: ["Điểm", "Điểm thẩm định"]
      default: ["Điểm"]
      }
    case .evidence: ["Tài liệu kiểm chứng"]
    case .note: ["Ghi chú"]
    case .reason: ["Lý do"]
    case .evidenceID: ["Mã tài liệu"]
    case .title: ["Tên tài liệu", "Trích yếu"]
    case .documentNumber: ["Số ký hiệu"]
    case .date: file == .evidence ? ["Ngày ban hành", "Ngày"] : ["Ngày"]
    case .issuer: ["Cơ quan ban hành"]
    case .location: ["Vị trí", "Đường dẫn"]
    case .respondentID: ["Mã phiếu"]
    case .question: ["Câu hỏi"]
    case .answer: ["Trả lời"]
    case .weight: ["Trọng số"]
    case .kind: ["Loại"]
    case .appraiser: ["Người thẩm định"]
    case .text: ["Nội dung giải trình", "Giải trình"]
    case .round: ["Vòng", "Vòng thẩm định"]
    }
  }
}

/// The kinds of file a year folder holds.
public enum YearFileKind: String, Sendable, Hashable, CaseIterable {
  /// `units`: the units assessed, with their group (khối). Required.
  case units
  /// `assessment`: the self-assessment (tự chấm điểm), one row per unit and leaf. Required.
  case assessment
  /// `appraisal`: the council's decisions (thẩm định), which decide the leaves they name; in
  /// rounds, `appraisal-1`, `appraisal-2`…, the latest round with a row deciding.
  case appraisal
  /// `evidence`: each unit's evidence documents (tài liệu kiểm chứng).
  case evidence
  /// `survey`: one row per survey answer (điều tra xã hội học).
  case survey
  /// `adjustments`: bonus (điểm thưởng) and penalty (điểm trừ) rows.
  case adjustments
  /// `explanation`: units' explanations (giải trình) per leaf.
  case explanation

  /// Vietnamese names of a workbook sheet holding this file, folded (``TextFolding``).
  var sheetNames: [String] {
    switch self {
    case .units: ["đơn vị", "danh sách đơn vị"]
    case .assessment: ["tự chấm điểm", "tự đánh giá"]
    case .appraisal: ["thẩm định"]
    case .evidence: ["tài liệu kiểm chứng"]
    case .survey: ["điều tra xã hội học", "phiếu điều tra"]
    case .adjustments: ["điểm thưởng, điểm trừ"]
    case .explanation: ["giải trình"]
    }
  }

  /// The columns that must be in the header.
  var required: [Column] {
    switch self {
    case .units: [.unitID, .name, .group]
    case .assessment, .appraisal: [.unitID, .code]
    case .evidence: [.evidenceID, .unitID, .title]
    case .survey: [.unitID, .respondentID, .question, .answer]
    case .adjustments: [.unitID, .kind, .points]
    case .explanation: [.unitID, .code, .text]
    }
  }

  /// The columns that may be in the header.
  var optional: [Column] {
    switch self {
    case .units: []
    case .assessment: [.value, .points, .evidence, .note]
    case .appraisal: [.value, .points, .reason, .appraiser, .date]
    case .evidence: [.documentNumber, .date, .issuer, .location]
    case .survey: [.weight]
    case .adjustments: [.reason]
    case .explanation: [.evidence, .date, .round]
    }
  }

  /// Whether the year may hold a folder of such files, one per unit, instead of one file.
  public var mayBeFolder: Bool {
    switch self {
    case .assessment, .appraisal, .evidence, .adjustments, .explanation: true
    case .units, .survey: false
    }
  }

  /// The column named `header` (after folding), if it is one of this file's.
  func column(named header: String) -> Column? {
    let folded = TextFolding.folded(header)
    return folded.isEmpty ? nil : Self.columnsByName[self]?[folded]
  }

  /// Every kind's columns by folded name (English and aliases), built once.
  private static let columnsByName: [YearFileKind: [String: Column]] = {
    var table: [YearFileKind: [String: Column]] = [:]
    for kind in YearFileKind.allCases {
      var names: [String: Column] = [:]
      for column in kind.required + kind.optional {
        names[column.rawValue] = column
        for alias in column.aliases(in: kind) { names[TextFolding.folded(alias)] = column }
      }
      table[kind] = names
    }
    return table
  }()
}
