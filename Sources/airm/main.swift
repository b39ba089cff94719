import AirmCLI
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
AirmCommand.prepareProcess(arguments: arguments)
let code = await AirmCommand.run(arguments: arguments, world: .process)
exit(code)
