import PARIndex

/// Help texts, generated from the command table: OVERVIEW / USAGE / ARGUMENTS / OPTIONS in
/// English, MÔ TẢ / CÚ PHÁP / THAM SỐ / TÙY CHỌN in Vietnamese.
enum Help {
  static func main(_ language: Language) -> String {
    let vi = language == .vietnamese
    var text =
      vi
      ? "MÔ TẢ: Chấm điểm, xếp loại và xếp hạng Chỉ số cải cách hành chính (Chỉ số CCHC) của các đơn vị.\n\n"
        + "CÚ PHÁP: parindex <lệnh> [tham số] [tùy chọn]\n\nCÁC LỆNH:\n"
      : "OVERVIEW: Score, classify and rank units on the administrative-reform index (Chỉ số CCHC).\n\n"
        + "USAGE: parindex <command> [arguments] [options]\n\nCOMMANDS:\n"
    for command in Command.allCases {
      text += "  " + pad(command.rawValue, 13) + (vi ? command.summary.vi : command.summary.en) + "\n"
    }
    text += vi ? "\nTÙY CHỌN CHUNG:\n" : "\nCOMMON OPTIONS:\n"
    text += optionLines([.language, .help], language)
    text += "  " + pad("--version", 22) + (vi ? "Phiên bản." : "Show the version.") + "\n"
    text += "\n" + exitCodes(language) + "\n"
    text += vi ? "\nXem 'parindex <lệnh> --help'.\n" : "\nSee 'parindex <command> --help'.\n"
    return text
  }

  static func usageLine(_ command: Command, _ language: Language) -> String {
    (language == .vietnamese ? "CÚ PHÁP: " : "USAGE: ") + "parindex \(command.rawValue) \(command.usage)"
  }

  static func command(_ command: Command, _ language: Language) -> String {
    let vi = language == .vietnamese
    var text = (vi ? "MÔ TẢ: " : "OVERVIEW: ") + wrap(vi ? command.overview.vi : command.overview.en) + "\n\n"
    text += usageLine(command, language) + "\n\n"
    text += vi ? "THAM SỐ:\n" : "ARGUMENTS:\n"
    for argument in command.arguments {
      text += "  " + pad(argument.name, 22) + (vi ? argument.vi : argument.en) + "\n"
    }
    text += vi ? "\nTÙY CHỌN:\n" : "\nOPTIONS:\n"
    text += optionLines(command.options + [.language, .help], language, formats: command.formats)
    text += "\n" + exitCodes(language) + "\n"
    return text
  }

  static func exitCodes(_ language: Language) -> String {
    language == .vietnamese
      ? "MÃ THOÁT: 0 thành công · 1 validate thấy lỗi · 64 sai cú pháp lệnh · 65 lỗi dữ liệu\n"
        + "  66 không có tệp hoặc thư mục · 74 không ghi được kết quả"
      : "EXIT CODES: 0 success · 1 validate found problems · 64 usage error · 65 input error\n"
        + "  66 input file or folder not found · 74 cannot write output"
  }

  private static func optionLines(_ options: [OptionSpec], _ language: Language, formats: [OutputFormat] = []) -> String
  {
    var text = ""
    for option in options {
      var names = option.names.sorted { $0.count < $1.count }.joined(separator: ", ")
      if let value = option.valueName { names += " " + value }
      var help = language == .vietnamese ? option.vi : option.en
      if option.names == OptionSpec.format.names {
        let listed = formats.map(\.rawValue)
        help +=
          " " + listed.joined(separator: ", ")
          + (language == .vietnamese ? " (mặc định \(listed[0]))." : " (default \(listed[0])).")
      }
      text += "  " + pad(names, 22) + help + "\n"
    }
    return text
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + "  " : text + String(repeating: " ", count: width - text.count)
  }

  /// Lines of at most 90 characters, continued with two spaces.
  private static func wrap(_ text: String) -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty && line.count + word.count + 1 > 88 {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    lines.append(line)
    return lines.joined(separator: "\n  ")
  }
}
