/// Facts about airm itself that every layer may need.
public enum Airm {
    /// The version printed by `airm --version` and written into every result.
    public static let version = "0.1.0"
}
