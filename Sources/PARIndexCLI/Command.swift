import PARIndex

/// An option a command accepts, with its help in both languages.
struct OptionSpec: Sendable {
  var names: [String]
  /// The value's placeholder in help (`FILE`), or `nil` for a flag.
  var valueName: String?
  /// May be given several times (`--set a=1 --set b=2`).
  var repeatable = false
  var vi: String
  var en: String

  var takesValue: Bool { valueName != nil }

  static let format = OptionSpec(
    names: ["--format", "-f"], valueName: "FORMAT", vi: "Định dạng kết quả:", en: "Output format:")
  static let output = OptionSpec(
    names: ["--output", "-o"], valueName: "FILE",
    vi: "Ghi ra TỆP, trọn vẹn hoặc không ghi gì (mặc định: màn hình).",
    en: "Write to FILE, whole or not at all (default: standard output).")
  static let group = OptionSpec(names: ["--group"], valueName: "G", vi: "Chỉ khối G.", en: "Only the group G.")
  static let unit = OptionSpec(names: ["--unit"], valueName: "ID", vi: "Đơn vị có mã ID.", en: "The unit with id ID.")
  static let excel = OptionSpec(
    names: ["--excel"], vi: "Với csv: BOM, ';' và dấu phẩy thập phân cho Excel tiếng Việt.",
    en: "With csv: BOM, ';' and decimal commas for Vietnamese Excel.")
  static let scorecards = OptionSpec(
    names: ["--scorecards"], valueName: "full|losses|none",
    vi: "Phiếu điểm trong báo cáo: losses (mặc định, chỉ tiêu chí bị mất điểm), full (đầy đủ) hoặc none (không in).",
    en: "Scorecards in the report: losses (default, only leaves that lost points), full, or none.")
  static let annex = OptionSpec(
    names: ["--annex"],
    vi: "Với md: bảng như phụ lục quyết định (STT, tên đầy đủ các lĩnh vực, xếp hạng); html và xlsx luôn như vậy.",
    en: "With md: the table as a decision's annex (STT, full field titles, rank); html and xlsx always are.")
  static let language = OptionSpec(
    names: ["--lang"], valueName: "vi|en", vi: "Ngôn ngữ thông báo (mặc định vi; hoặc biến PARINDEX_LANG).",
    en: "Language of messages (default vi; or the PARINDEX_LANG variable).")
  static let help = OptionSpec(names: ["--help", "-h"], vi: "Trợ giúp của lệnh.", en: "Show this help.")
  static let code = OptionSpec(
    names: ["--code"], valueName: "CODE", vi: "Chỉ tiêu chí này, hoặc các tiêu chí thuộc lĩnh vực, tiêu chí này.",
    en: "Only this leaf, or the leaves under this field or criterion.")
  static let runs = OptionSpec(
    names: ["--runs"], valueName: "N", vi: "Số lần chạy (mặc định 1000).", en: "Number of runs (default 1000).")
  static let seed = OptionSpec(
    names: ["--seed"], valueName: "S", vi: "Hạt giống của phép rút ngẫu nhiên (mặc định 1).",
    en: "Seed of the random draws (default 1).")
  static let spread = OptionSpec(
    names: ["--spread"], valueName: "P", vi: "Biên độ, phần trăm 0–100 (mặc định 10); 0 không thay đổi gì.",
    en: "Spread in percent, 0–100 (default 10); 0 varies nothing.")
  static let previousCriteria = OptionSpec(
    names: ["--previous-criteria"], valueName: "FILE", vi: "Bộ tiêu chí năm trước, để so sánh (cùng --previous-data).",
    en: "Last year's criteria set, for a comparison (with --previous-data).")
  static let previousData = OptionSpec(
    names: ["--previous-data"], valueName: "DIR", vi: "Thư mục số liệu năm trước.", en: "Last year's data folder.")
  static let set = OptionSpec(
    names: ["--set"], valueName: "CODE=VALUE", repeatable: true,
    vi: "Một tiêu chí và giá trị giả định; ghi nhiều lần được.", en: "A leaf and the value it would have; repeatable.")
  static let encoding = OptionSpec(
    names: ["--encoding"], valueName: "windows-1258",
    vi: "Đọc tệp văn bản không phải UTF-8 theo bảng mã này (bảng mã cũ của Excel tiếng Việt).",
    en: "Read text files that are not UTF-8 in this encoding (old Vietnamese Excel's code page).")
  static let strict = OptionSpec(
    names: ["--strict"], vi: "Coi cảnh báo là lỗi (validate thoát 1, các lệnh khác thoát 65).",
    en: "Treat warnings as errors (validate exits 1, other commands 65).")
  static let asOfRound = OptionSpec(
    names: ["--as-of-round"], valueName: "N",
    vi: "Kết quả như sau vòng thẩm định N (0: chỉ tự chấm); mặc định: mọi vòng.",
    en: "Results as they stood after appraisal round N (0: self-assessment only); default: every round.")
  static let goal = OptionSpec(
    names: ["--goal"], valueName: "CLASS", vi: "Một mức xếp loại của bộ tiêu chí, như \"Tốt\".",
    en: "A class label of the criteria set, such as \"Tốt\".")
}

/// Every command of `parindex`, in one table: its name, arguments, options, formats and help.
enum Command: String, CaseIterable, Sendable {
  case validate, rank, score, explain, report, template, sensitivity, compare, whatif, manifest, verify, criteria

  /// Arguments and options as shown after `USAGE: parindex NAME`.
  var usage: String {
    switch self {
    case .validate: "CRITERIA [DATA_DIR]"
    case .rank:
      "CRITERIA DATA_DIR [--format text|csv|json|md|html|xlsx] [--annex] [--excel] [--group G] [--as-of-round N] [-o FILE]"
    case .score:
      "CRITERIA DATA_DIR [--unit ID] [--group G] [--format text|md|html|json|xlsx] [--as-of-round N] [-o FILE]"
    case .explain: "CRITERIA DATA_DIR --unit ID [--code CODE] [--as-of-round N] [-o FILE]"
    case .report:
      "CRITERIA DATA_DIR -o FILE.html [--scorecards full|losses|none] [--as-of-round N] [--runs N [--seed S] [--spread P]] [--previous-criteria FILE --previous-data DIR]"
    case .template: "CRITERIA [--unit ID] [--format csv|xlsx] [--excel] [-o FILE]"
    case .sensitivity:
      "CRITERIA DATA_DIR [--runs N] [--seed S] [--spread P] [--format text|csv|json|html|xlsx] [-o FILE]"
    case .compare: "CRITERIA_A DATA_DIR_A CRITERIA_B DATA_DIR_B [--format text|csv|json|html|xlsx] [-o FILE]"
    case .whatif: "CRITERIA DATA_DIR --unit ID [--set CODE=VALUE]… [--goal CLASS] [-o FILE]"
    case .manifest: "CRITERIA DATA_DIR [--format json|text] [-o FILE]"
    case .verify: "MANIFEST CRITERIA DATA_DIR"
    case .criteria:
      "import TABLE.csv -o SET.json | export SET.json -o TABLE.csv [--excel] | show SET.json [--format text|md|html] | diff A.json B.json [--format text|md]"
    }
  }

  /// The formats `--format` accepts, the default first.
  var formats: [OutputFormat] {
    switch self {
    case .rank: [.text, .csv, .json, .md, .html, .xlsx]
    case .score: [.text, .md, .html, .json, .xlsx]
    case .sensitivity, .compare: [.text, .csv, .json, .html, .xlsx]
    case .validate: [.text, .json]
    case .manifest: [.json, .text]
    case .criteria: [.text, .md, .html]
    case .template: [.csv, .xlsx]
    case .explain, .report, .whatif, .verify: []
    }
  }

  /// The options the command accepts, besides `--help` and `--lang`.
  var options: [OptionSpec] {
    let year: [OptionSpec] = self == .template || self == .verify ? [] : [.encoding, .strict]
    if self == .criteria { return ownOptions + [.strict] }
    return ownOptions + year
  }

  private var ownOptions: [OptionSpec] {
    let formatted: [OptionSpec] = formats.isEmpty ? [] : [.format]
    switch self {
    case .validate: return formatted
    case .rank: return formatted + [.annex, .excel, .group, .asOfRound, .output]
    case .score: return [.unit, .group] + formatted + [.asOfRound, .output]
    case .explain: return [.unit, .code, .asOfRound, .output]
    case .report: return [.output, .scorecards, .asOfRound, .runs, .seed, .spread, .previousCriteria, .previousData]
    case .manifest: return formatted + [.output]
    case .verify: return []
    case .criteria: return formatted + [.excel, .output]
    case .template: return [.unit] + formatted + [.excel, .output]
    case .sensitivity: return [.runs, .seed, .spread] + formatted + [.output]
    case .compare: return formatted + [.output]
    case .whatif: return [.unit, .set, .goal, .output]
    }
  }

  /// One line for the list of commands.
  var summary: (vi: String, en: String) {
    switch self {
    case .validate:
      (
        "Kiểm tra bộ tiêu chí, và số liệu một năm theo bộ tiêu chí đó.",
        "Check a criteria set, and a year of data against it."
      )
    case .rank: ("Bảng xếp hạng từng khối.", "Ranking table, per group.")
    case .score: ("Phiếu điểm (mọi đơn vị, hoặc một đơn vị).", "Scorecards (all units, or one).")
    case .explain:
      ("Vì sao mỗi tiêu chí được số điểm đó; cần cải thiện gì.", "Why each leaf got its points; what to improve.")
    case .report:
      ("Báo cáo của Hội đồng thẩm định: một tệp HTML.", "The council's report: one self-contained HTML file.")
    case .template: ("Mẫu tự chấm điểm để đơn vị điền.", "An assessment file to fill in.")
    case .sensitivity: ("Độ vững của xếp hạng (Monte Carlo).", "How robust each rank is (Monte Carlo).")
    case .compare: ("So sánh hai năm: chỉ số, hạng, xếp loại.", "Year over year: index, rank and class changes.")
    case .whatif: ("Kết quả của đơn vị nếu tiêu chí có giá trị khác.", "A unit's result if leaves had other values.")
    case .manifest:
      (
        "Bảng kê tệp nguồn: phiên bản, bộ tiêu chí, mọi tệp với SHA-256.",
        "The manifest: version, criteria, every file's SHA-256."
      )
    case .verify:
      ("Các tệp có còn đúng như bảng kê không.", "Whether the files are still exactly those of a manifest.")
    case .criteria:
      (
        "Bộ tiêu chí dạng bảng: nhập, xuất, in phụ lục, so sánh hai bộ.",
        "Criteria sets as tables: import, export, print the annex, compare two sets."
      )
    }
  }

  /// What the command does, in both languages.
  var overview: (vi: String, en: String) {
    switch self {
    case .validate:
      (
        "Kiểm tra bộ tiêu chí (khóa hợp lệ, điểm tối đa cộng đúng, quy tắc và mức xếp loại hợp lệ) và, khi có DATA_DIR, số liệu một năm theo bộ tiêu chí đó. Mọi lỗi được liệt kê, mỗi lỗi một dòng: TỆP:DÒNG: cột 'giá trị': điều cần sửa; sau đó là các cảnh báo.",
        "Check a criteria set (known keys, maxima that add up, sound rules and bands) and, when DATA_DIR is given, a year of data against it. Every problem is listed, one per line: FILE:LINE: field 'value': what was expected; then the warnings."
      )
    case .rank:
      (
        "Chấm điểm mọi đơn vị và in bảng xếp hạng từng khối: điểm từng lĩnh vực, tổng điểm, điểm tối đa, chỉ số % và xếp loại. Hạng so sánh chỉ số chính xác; chỉ số bằng nhau thì cùng hạng (1, 2, 2, 4).",
        "Score every unit and print the ranking table of each group: field points, total, maximum, index % and class. Ranks compare the exact index; equal indices share a rank (1, 2, 2, 4)."
      )
    case .score:
      (
        "In phiếu điểm: lĩnh vực, tiêu chí, tiêu chí thành phần của từng đơn vị với điểm và điểm tối đa, ai chấm (tự chấm, thẩm định, điều tra), còn thiếu gì, tổng điểm, chỉ số, xếp loại và hạng.",
        "Print scorecards: each unit's fields, criteria and leaves with points and maximum, who set each leaf (self-assessment, appraisal, survey), what is missing, and the total, index, class and rank."
      )
    case .explain:
      (
        "Với mỗi tiêu chí của một đơn vị, một dòng đọc được thành tiếng: quy tắc, số liệu, phép tính và kết quả; sau đó là các tiêu chí mất nhiều điểm nhất và cách để đạt điểm.",
        "For each leaf of one unit, one line a secretary can read aloud: the rule, the value, the arithmetic and the result; then the leaves where the unit lost the most points, largest first, with what would have earned them."
      )
    case .report:
      (
        "Ghi báo cáo của Hội đồng thẩm định thành một tệp HTML độc lập: xếp hạng từng khối, phân bố xếp loại, bản đồ nhiệt chỉ số lĩnh vực, các vấn đề về số liệu và phiếu điểm từng đơn vị. In được trên khổ A4.",
        "Write the year's report for the appraisal council as one self-contained HTML file: per group the ranking, the distribution of classes, a heat map of field indices, the data problems and each unit's scorecard. Printable on A4."
      )
    case .template:
      (
        "In mẫu assessment.csv để đơn vị điền: mỗi tiêu chí tự chấm một dòng (tiêu chí điều tra không tự chấm), với tên, điểm tối đa, giá trị cần ghi và có bắt buộc tài liệu kiểm chứng hay không ở các cột x_ (parindex bỏ qua khi đọc).",
        "Print an assessment.csv to fill in: one row per self-assessed leaf (survey leaves are not self-scored), with the leaf's title, maximum, the value it expects and whether evidence is required in x_ columns, which parindex ignores when reading."
      )
    case .sensitivity:
      (
        "Xếp hạng vững đến đâu? Chạy Monte Carlo thay đổi những gì không chắc chắn và cho mỗi đơn vị: hạng danh nghĩa, hạng trung vị, khoảng hạng 5%–95% và tỷ lệ lần đổi xếp loại. Cùng hạt giống cho cùng kết quả.",
        "How robust is each rank? Monte Carlo runs that vary what is uncertain and report, per unit, the nominal rank, the median rank, the 5th–95th percentile rank interval and how often its class changes. Deterministic for a seed."
      )
    case .compare:
      (
        "So sánh hai năm: chỉ số và hạng của từng đơn vị mỗi năm, mức thay đổi, xếp loại mỗi năm, đơn vị mới và đơn vị không còn, và cảnh báo khi hai bộ tiêu chí khác nhau.",
        "Compare two years: per unit the index and rank in each, the change, the class in each, new and dropped units, and warnings where the criteria sets differ."
      )
    case .whatif:
      (
        "Tổng điểm, chỉ số, xếp loại và hạng mới của một đơn vị nếu một số tiêu chí có giá trị khác (--set thay cho dòng quyết định, như thẩm định); hoặc với --goal, số tiêu chí ít nhất cần đạt tối đa để đạt mức xếp loại đó.",
        "A unit's new total, index, class and rank if some leaves had other values (each --set stands in for the leaf's deciding row, as an appraisal would); or, with --goal CLASS, the fewest leaves that, raised to their maximum, would reach that class."
      )
    case .manifest:
      (
        "In bảng kê tệp nguồn của một năm: phiên bản parindex, mã và SHA-256 của bộ tiêu chí, và mọi tệp số liệu đã đọc theo thứ tự đọc, với dung lượng và SHA-256. Mọi kết quả JSON và HTML đều mang bảng kê này.",
        "Print the manifest of a year: the parindex version, the criteria set's id and SHA-256, and every year file read, in the order read, with its size and SHA-256. Every JSON and HTML output carries it."
      )
    case .verify:
      (
        "Đối chiếu bộ tiêu chí và thư mục số liệu với một bảng kê (tệp của parindex manifest, một kết quả JSON hoặc báo cáo HTML): thoát 0 khi mọi tệp còn nguyên, 1 và liệt kê từng tệp đã thay đổi, không còn hoặc mới thêm.",
        "Check a criteria set and a year folder against a manifest (the output of parindex manifest, a JSON result or an HTML report): exit 0 when every file is unchanged, 1 with each file changed, removed or added."
      )
    case .criteria:
      (
        "import: đọc bộ tiêu chí từ bảng TABLE.csv (cây tiêu chí) và TABLE-set.csv (thông tin chung), báo mọi lỗi theo dòng và cột, chỉ ghi SET.json khi bộ tiêu chí hợp lệ. export: ghi bộ tiêu chí thành hai bảng đó. show: in phụ lục để rà soát (quy tắc chấm bằng lời). diff: những gì thay đổi giữa hai bộ, từng tiêu chí.",
        "import: read a set from the tables TABLE.csv (the tree) and TABLE-set.csv (the header), every problem by row and column, writing SET.json only for a valid set. export: write a set as those two tables. show: print the annex to proofread (rules in words). diff: what changed between two sets, leaf by leaf."
      )
    }
  }

  /// The positional arguments, described in both languages.
  var arguments: [(name: String, vi: String, en: String)] {
    let criteria = ("CRITERIA", "Tệp bộ tiêu chí (criteria/*.json).", "A criteria set file (criteria/*.json).")
    let folder = (
      "DATA_DIR",
      "Thư mục số liệu một năm: units, assessment, và có thể appraisal (hoặc appraisal-1, appraisal-2…), evidence, survey, adjustments, explanation.",
      "A year folder: units, assessment, and optionally appraisal (or appraisal-1, appraisal-2…), evidence, survey, adjustments, explanation."
    )
    switch self {
    case .template: return [criteria]
    case .criteria:
      return [
        ("import|export|show|diff", "Việc cần làm.", "What to do."),
        ("TABLE.csv | SET.json", "Bảng tiêu chí hoặc bộ tiêu chí JSON.", "A criteria table or a JSON criteria set."),
      ]
    case .verify:
      return [
        (
          "MANIFEST", "Bảng kê: tệp của parindex manifest, kết quả JSON hoặc báo cáo HTML.",
          "A manifest: parindex manifest's output, a JSON result or an HTML report."
        ),
        criteria, folder,
      ]
    case .compare:
      return [
        ("CRITERIA_A DATA_DIR_A", "Năm thứ nhất.", "The first year."),
        ("CRITERIA_B DATA_DIR_B", "Năm thứ hai.", "The second year."),
      ]
    default: return [criteria, folder]
    }
  }

  /// Runs the command.
  func run(_ invocation: Invocation) throws(CommandError) -> ExitCode {
    switch self {
    case .validate: try invocation.validate()
    case .rank: try invocation.rank()
    case .score: try invocation.score()
    case .explain: try invocation.explain()
    case .report: try invocation.report()
    case .template: try invocation.template()
    case .sensitivity: try invocation.sensitivity()
    case .compare: try invocation.compare()
    case .whatif: try invocation.whatif()
    case .manifest: try invocation.manifest()
    case .verify: try invocation.verify()
    case .criteria: try invocation.criteria()
    }
  }
}
