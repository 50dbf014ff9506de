import PARIndex

/// The `parindex` command: parse the arguments, call the library, render, and choose an exit
/// code. Every command is a function of its arguments, tested in process.
public enum CommandLineTool {
  public static let version = "0.1.0"

  /// Runs one invocation (`arguments` without the program name).
  public static func run(_ arguments: [String], console: Console) -> ExitCode {
    guard let command = arguments.first else {
      console.err(Help.main)
      return .usage
    }
    let rest = Array(arguments.dropFirst())
    switch command {
    case "--help", "-h", "help":
      console.out(Help.main)
      return .success
    case "--version":
      console.out("parindex \(version)\n")
      return .success
    case "validate", "rank", "score", "explain", "report", "template", "sensitivity", "compare", "whatif":
      if rest.contains("--help") || rest.contains("-h") {
        console.out(Help.command(command))
        return .success
      }
      do {
        switch command {
        case "validate": return try Commands.validate(rest, console: console)
        case "rank": return try Commands.rank(rest, console: console)
        case "explain": return try Commands.explain(rest, console: console)
        case "report": return try Commands.report(rest, console: console)
        case "template": return try Commands.template(rest, console: console)
        case "sensitivity": return try Commands.sensitivity(rest, console: console)
        case "compare": return try Commands.compare(rest, console: console)
        case "whatif": return try Commands.whatif(rest, console: console)
        default: return try Commands.score(rest, console: console)
        }
      } catch {
        switch error {
        case .usage(let message):
          console.err("parindex \(command): \(message)\n\n\(Help.usageLine(command))\n")
          return .usage
        case .exit(let code):
          return code
        }
      }
    default:
      console.err("parindex: unknown command '\(command)'\n\n\(Help.main)")
      return .usage
    }
  }
}
