/// A small, strict argument parser: `--name value`, `--name=value`, `-o value`, flags, and
/// positional arguments. Unknown options and missing values are usage errors (exit 64).
struct Arguments {
  struct UsageError: Error { var message: String }

  /// An option a command accepts.
  struct Option {
    var names: [String]
    var takesValue: Bool
    /// May be given several times (`--set a=1 --set b=2`).
    var repeatable = false
  }

  private(set) var positional: [String] = []
  private var values: [String: String] = [:]
  private var repeated: [String: [String]] = [:]
  private var flags: Set<String> = []

  init(_ arguments: some Collection<String>, options: [Option]) throws(UsageError) {
    var iterator = arguments.makeIterator()
    var onlyPositional = false
    while let argument = iterator.next() {
      if onlyPositional || !argument.hasPrefix("-") || argument == "-" {
        positional.append(argument)
        continue
      }
      if argument == "--" { onlyPositional = true; continue }
      var name = argument
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let option = options.first(where: { $0.names.contains(name) }) else {
        throw UsageError(message: "unknown option '\(name)'")
      }
      let key = option.names[0]
      if option.takesValue {
        guard let value = inlineValue ?? iterator.next(), !value.isEmpty else {
          throw UsageError(message: "option '\(name)' needs a value")
        }
        if option.repeatable {
          repeated[key, default: []].append(value)
        } else {
          if values[key] != nil { throw UsageError(message: "option '\(name)' is given twice") }
          values[key] = value
        }
      } else {
        if inlineValue != nil { throw UsageError(message: "option '\(name)' takes no value") }
        flags.insert(key)
      }
    }
  }

  func value(_ name: String) -> String? { values[name] }
  func allValues(_ name: String) -> [String] { repeated[name] ?? [] }
  func flag(_ name: String) -> Bool { flags.contains(name) }
}
