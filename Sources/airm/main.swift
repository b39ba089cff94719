import AirmCLI
import Foundation

// A closed stdout (`airm run | head -1`) ends console output only; writes then fail with
// EPIPE, which `ConsoleStream` absorbs, instead of the signal ending the run.
signal(SIGPIPE, SIG_IGN)
let arguments = Array(CommandLine.arguments.dropFirst())
AirmCommand.prepare(arguments: arguments)
let code = await AirmCommand.run(arguments: arguments, world: .process)
exit(code)
