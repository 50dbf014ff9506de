import PARIndex

/// A small, strict argument parser: `--name value`, `--name=value`, `-o value`, flags, and
/// positional arguments. Unknown options and missing values are usage errors (exit 64).
struct Arguments {
  private(set) var positional: [String] = []
  private var values: [String: String] = [:]
  private var repeated: [String: [String]] = [:]
  private var flags: Set<String> = []

  init(_ arguments: some Collection<String>, options: [OptionSpec]) throws(CommandError) {
    var iterator = arguments.makeIterator()
    var onlyPositional = false
    while let argument = iterator.next() {
      if onlyPositional || !argument.hasPrefix("-") || argument == "-" {
        positional.append(argument)
        continue
      }
      if argument == "--" {
        onlyPositional = true
        continue
      }
      var name = argument
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let option = options.first(where: { $0.names.contains(name) }) else {
        throw .usage(.unknownOption(name))
      }
      let key = option.names[0]
      if option.takesValue {
        guard let value = inlineValue ?? iterator.next(), !value.isEmpty else { throw .usage(.optionNeedsValue(name)) }
        if option.repeatable {
          repeated[key, default: []].append(value)
        } else {
          if values[key] != nil { throw .usage(.optionGivenTwice(name)) }
          values[key] = value
        }
      } else {
        if inlineValue != nil { throw .usage(.optionTakesNoValue(name)) }
        flags.insert(key)
      }
    }
  }

  func value(_ option: OptionSpec) -> String? { values[option.names[0]] }
  func allValues(_ option: OptionSpec) -> [String] { repeated[option.names[0]] ?? [] }
  func flag(_ option: OptionSpec) -> Bool { flags.contains(option.names[0]) }
}
