import Foundation

/// libFuzzer's entry point, linked only into the fuzzer built by `scripts/fuzz/build.sh`; the
/// target is named by `AIRM_FUZZ_TARGET` (default `experiment`).
@_cdecl("LLVMFuzzerTestOneInput")
public func airmFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzEntry.target.run(bytes)
    return 0
}

enum FuzzEntry {
    static let target: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["AIRM_FUZZ_TARGET"] ?? "experiment"
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("AIRM_FUZZ_TARGET: unknown target \(name); one of \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
            exit(2)
        }
        return target
    }()
}
