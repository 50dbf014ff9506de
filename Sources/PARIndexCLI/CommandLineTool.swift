import PARIndex

/// The `parindex` command: parse the arguments, call the library, render, and choose an exit
/// code. Every command is a function of its arguments, tested in process.
public enum CommandLineTool {
  public static let version = Manifest.toolVersion

  /// Runs one invocation (`arguments` without the program name). Messages are in Vietnamese
  /// unless `--lang en` is given or `environment["PARINDEX_LANG"]` says `en`. A named pipe
  /// given as an input is waited for at most `environment["PARINDEX_PIPE_TIMEOUT"]` seconds
  /// (a whole number from 1 to 3600; otherwise ``InputFile/pipeTimeLimit``, 10) until somebody
  /// opens it for writing.
  public static func run(_ arguments: [String], console: Console, environment: [String: String] = [:]) -> ExitCode {
    let limit = environment["PARINDEX_PIPE_TIMEOUT"].flatMap { Int($0) }.flatMap { (1...3600).contains($0) ? $0 : nil }
    return InputFile.$pipeTimeLimit.withValue(limit ?? InputFile.pipeTimeLimit) {
      run(arguments, console: console, languageSetting: environment["PARINDEX_LANG"])
    }
  }

  /// `console` with bidi controls escaped in everything written (docs/FORMATS.md §3): in
  /// standard output as `json` says, in standard error always visibly (`[U+202E]`).
  static func guarded(_ console: Console, json: Bool) -> Console {
    Console(
      out: { console.out(OutputText.escapingBidiControls(in: $0, json: json)) },
      err: { console.err(OutputText.escapingBidiControls(in: $0, json: false)) },
      outputIsTerminal: console.outputIsTerminal)
  }

  private static func run(_ arguments: [String], console unguarded: Console, languageSetting: String?) -> ExitCode {
    var console = guarded(unguarded, json: false)
    var language = languageSetting.flatMap(Language.init(code:)) ?? .vietnamese
    // `--lang` is read first, wherever it stands, so that every message is in its language.
    var rest: [String] = []
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--lang" || argument.hasPrefix("--lang=") {
        let value =
          argument == "--lang"
          ? (index + 1 < arguments.count ? arguments[index + 1] : "") : String(argument.dropFirst(7))
        guard let chosen = Language(code: value) else {
          console.err("parindex: " + Message.unknownLanguage(value).text(language) + "\n")
          return .usage
        }
        language = chosen
        index += argument == "--lang" ? 2 : 1
        continue
      }
      rest.append(argument)
      index += 1
    }
    guard let name = rest.first else {
      console.err(Help.main(language))
      return .usage
    }
    let commandArguments = Array(rest.dropFirst())
    switch name {
    case "--help", "-h", "help":
      console.out(Help.main(language))
      return .success
    case "--version":
      console.out("parindex \(version)\n")
      return .success
    default: break
    }
    guard let command = Command(rawValue: name) else {
      console.err("parindex: " + Message.unknownCommand(name).text(language) + "\n\n" + Help.main(language))
      return .usage
    }
    if commandArguments.contains("--help") || commandArguments.contains("-h") {
      console.out(Help.command(command, language))
      return .success
    }
    do {
      let parsed = try Arguments(commandArguments, options: command.options)
      if parsed.value(.format) == "json" { console = guarded(unguarded, json: true) }
      let invocation = Invocation(command: command, arguments: parsed, console: console, language: language)
      try invocation.refuseOutputOverInputs()
      if parsed.value(.output) != nil { _ = try invocation.format() }
      return try command.run(invocation)
    } catch {
      switch error {
      case .usage(let message):
        console.err("parindex \(command.rawValue): \(message.text(language))\n\n\(Help.usageLine(command, language))\n")
        return .usage
      case .exit(let code):
        return code
      }
    }
  }
}
