import AirmReports
import ArgumentParser

/// The `--<name> FILE` options of the report formats that have no declared option of their own,
/// taken from the catalog (`ReportFormat.all`), so a new reporter needs no option here.
///
/// `airm run` and `airm report` hand their leftover arguments to it: `--ctrf out.json` and
/// `--ctrf=out.json` become a requested file, anything else not starting with `-` a path.
struct ReportFileOptions {
    /// The arguments that are not report options, in order.
    var paths: [String] = []
    /// Requested files by format name; the last one wins when an option is repeated.
    var files: [String: String] = [:]

    /// The formats with a declared option (`--junit`, `--html`, `--markdown`): kept as they were.
    static let declared: Set<String> = ["junit", "html", "markdown"]

    static var formats: [ReportFormat] { ReportFormat.all.filter { !declared.contains($0.name) } }

    /// Help lines for the derived options.
    static var help: String {
        formats.map { "--\($0.name) <file>: \($0.help)" }.joined(separator: "\n")
    }

    init(_ arguments: [String]) throws {
        let names = Set(Self.formats.map(\.name))
        var index = 0
        var afterTerminator = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if afterTerminator || !argument.hasPrefix("-") || argument == "-" {
                paths.append(argument)
                continue
            }
            if argument == "--" {
                afterTerminator = true
                continue
            }
            let option = argument.dropFirst(2)
            let name = String(option.prefix { $0 != "=" })
            guard argument.hasPrefix("--"), names.contains(name) else {
                throw ValidationError("Unknown option '\(argument)'.")
            }
            if option.count > name.count {
                files[name] = String(option.dropFirst(name.count + 1))
            } else if index < arguments.count, !arguments[index].hasPrefix("-") {
                files[name] = arguments[index]
                index += 1
            } else {
                throw ValidationError("Missing value for '--\(name) <file>'.")
            }
        }
        if let empty = files.first(where: { $0.value.isEmpty }) {
            throw ValidationError("--\(empty.key) needs a file name.")
        }
    }
}
