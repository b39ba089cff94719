import AirmCLI
import Foundation

let code = await AirmCommand.run(arguments: Array(CommandLine.arguments.dropFirst()), world: .process)
exit(code)
