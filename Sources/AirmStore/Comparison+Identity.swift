/// Whether two runs are of one experiment, so that their figures can be compared (docs/history.md#compare).
extension Comparison {
    /// Why `a` and `b` are not runs of one experiment, or nil when they are: their names differ,
    /// or the experiment file's text differed (its SHA-256). `airm compare --force` compares them anyway.
    public static func mismatch(_ a: RunDetail, _ b: RunDetail) -> String? {
        let (before, after) = (a.run, b.run)
        if before.experiment != after.experiment {
            return "\(a.label) is of experiment \(before.experiment) and \(b.label) of \(after.experiment)"
        }
        if before.fileHash != after.fileHash {
            return "\(a.label) and \(b.label) ran different versions of \(before.experiment)'s file "
                + "(SHA-256 \(before.fileHash.prefix(12)) and \(after.fileHash.prefix(12)))"
        }
        return nil
    }
}
