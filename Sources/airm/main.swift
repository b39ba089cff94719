import AirmCLI
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
// First of all: `airm run` catches SIGINT and SIGTERM from here on.
AirmCommand.catchInterrupts(arguments: arguments)

// A closed stdout (`airm run | head -1`) ends console output only; writes then fail with
// EPIPE, which `ConsoleStream` absorbs, instead of the signal ending the run.
signal(SIGPIPE, SIG_IGN)
AirmCommand.prepare(arguments: arguments)
let code = await AirmCommand.run(arguments: arguments, world: .process)
exit(code)
