/// A fast, seedable random number generator (xoshiro256**) with named, independent streams.
///
/// Every random draw in the engine comes from one of these, derived from the experiment's seed
/// and a stable stream name such as `"traffic:chat"`, `"provider:gemini"` or `"fault:gemini-outage"`.
/// The name is hashed with FNV-1a (never Swift's `Hasher`, which is seeded per process), so the
/// same seed and name always give the same sequence, and adding a stream never changes the draws
/// of another.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose state is expanded from `seed` with splitmix64.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// The stream named `stream` of the experiment seeded with `seed`.
    public init(seed: UInt64, stream: String) {
        self.init(seed: SplitMix64.mix(seed) ^ SeededGenerator.fnv1a(stream))
    }

    // MARK: - Drawing

    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    /// A uniform draw from [0, 1) with 53 bits of precision.
    @inline(__always)
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform draw from (0, 1]: safe to take the logarithm of.
    @inline(__always)
    public mutating func nextOpenUnit() -> Double {
        1 - nextUnit()
    }

    @inline(__always)
    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    // MARK: - Stream names

    /// The 64-bit FNV-1a hash of the UTF-8 bytes of `text`: stable across processes and platforms.
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

/// splitmix64: expands one 64-bit seed into a well-mixed sequence (used to seed xoshiro).
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The splitmix64 finaliser: a bijective scramble of one word.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
