import Foundation
import PARIndexCLI

let console = Console(
  out: { FileHandle.standardOutput.write(Data($0.utf8)) }, err: { FileHandle.standardError.write(Data($0.utf8)) },
  outputIsTerminal: isatty(STDOUT_FILENO) == 1)
let code = CommandLineTool.run(
  Array(CommandLine.arguments.dropFirst()), console: console, environment: ProcessInfo.processInfo.environment)
exit(code.rawValue)
