#if canImport(Glibc)
import Glibc
#endif

/// Keeps freed answer buffers from staying in the process (docs/cli.md `--max-body-memory`).
///
/// glibc serves a request above its mmap threshold (128 KB at start) with its own mapping, which
/// it unmaps when freed. After freeing such a mapping it raises the threshold to that size, up to
/// 32 MB, so the next multi-megabyte answer buffers come from its heaps instead, where freed space
/// stays resident and fragments: the body budget then bounds what answers hold, not the process.
/// Fixing the threshold at its start value keeps every large buffer a mapping of its own.
enum AllocatorTuning {
    /// The threshold, fixed: glibc's own initial value.
    static let mmapThreshold: Int32 = 128 * 1024
    /// `M_MMAP_THRESHOLD` of `<malloc.h>`, which the Glibc module does not import.
    static let mmapThresholdParameter: Int32 = -3

    /// Applies the tuning once per process; a no-op where the C library is not glibc.
    static func apply() {
        _ = applied
    }

    private static let applied: Bool = {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        return unsafeBitCast(symbol, to: Mallopt.self)(mmapThresholdParameter, mmapThreshold) == 1
        #else
        return false
        #endif
    }()
}
