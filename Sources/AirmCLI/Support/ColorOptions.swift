import ArgumentParser

/// When output may carry ANSI colour.
public enum ColorChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Colour on a terminal unless `NO_COLOR` is set.
    case auto
    /// Colour even into a pipe or file, and despite `NO_COLOR`.
    case always
    /// Never colour.
    case never
}

/// `--color auto|always|never`, shared by every command that colours its output.
struct ColorOptions: ParsableArguments {
    @Option(help: "Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    /// `world` with this choice applied.
    func apply(to world: World) -> World {
        var world = world
        world.color = color
        return world
    }
}
