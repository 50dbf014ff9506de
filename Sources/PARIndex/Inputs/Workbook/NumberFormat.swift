/// What a cell's number format says its number means: a percentage, a date, text typed into
/// a cell formatted as Text, or a plain number.
///
/// Built-in formats: 9 and 10 are percentages (`0%`, `0.00%`); 14–22, 27–36, 45–47 and 50–58
/// are dates and times (the last groups are the East Asian locale dates); 49 is Text (`@`).
/// A custom format is looked at in its first section, outside quoted text, escapes (`\x`,
/// `_x`, `*x`) and brackets (`[Red]`, `[$-42A]`): a `%` makes it a percentage; `d`, `y`, or `m`
/// beside `h`/`s` make it a date. So `0.0" %"` (a literal % sign) is a plain number.
enum NumberFormat: Sendable, Hashable {
  case general
  case percent
  case date
  case text

  init(builtIn id: Int) {
    switch id {
    case 9, 10: self = .percent
    case 14...22, 27...36, 45...47, 50...58: self = .date
    case 49: self = .text
    default: self = .general
    }
  }

  init(code: String) {
    var sawPercent = false
    var sawDateOrTime = false
    var inQuotes = false
    var inBrackets = false
    var skipNext = false
    scan: for scalar in code.unicodeScalars {
      if skipNext {
        skipNext = false
      } else if inQuotes {
        inQuotes = scalar != "\""
      } else if inBrackets {
        inBrackets = scalar != "]"
        // [h], [mm], [ss]: elapsed time, a date-time format.
        if "hHmMsS".unicodeScalars.contains(scalar) { sawDateOrTime = true }
      } else {
        switch scalar {
        case ";": break scan  // the first section decides
        case "\"": inQuotes = true
        case "[": inBrackets = true
        case "\\", "_", "*": skipNext = true
        case "%": sawPercent = true
        case "@":
          self = .text
          return
        case "d", "D", "y", "Y", "m", "M", "h", "H", "s", "S": sawDateOrTime = true
        default: break
        }
      }
    }
    self = sawPercent ? .percent : sawDateOrTime ? .date : .general
  }
}
