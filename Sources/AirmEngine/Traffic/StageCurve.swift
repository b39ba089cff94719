import AirmSpec

/// A piecewise-linear rate (`stages`) and where its integral reaches each whole number.
///
/// Within a stage that runs from rate r0 to r1 over T seconds, the count after τ seconds is
/// C + r0·τ + (r1 − r0)·τ² / (2T), where C is the count at the stage's start. The k-th arrival
/// solves that for k, with the numerically stable root τ = 2m / (r0 + √(r0² + 4am)),
/// a = (r1 − r0) / (2T), m = k − C.
struct StageCurve: Sendable, Hashable {
    struct Leg: Sendable, Hashable {
        /// Offset of the stage's start from the stream's start, in nanoseconds.
        let offset: Int64
        let length: Int64
        let from: Double
        let to: Double
        /// Arrivals before the stage's start (the integral up to it).
        let before: Double
    }

    let legs: [Leg]

    init(_ stages: [TrafficStream.Stage]) {
        var legs: [Leg] = []
        var offset: Int64 = 0
        var total = 0.0
        for stage in stages where stage.over.nanoseconds > 0 {
            let from = max(0, stage.from.perSecond)
            let to = max(0, stage.to.perSecond)
            legs.append(Leg(offset: offset, length: stage.over.nanoseconds, from: from, to: to, before: total))
            offset += stage.over.nanoseconds
            total += (from + to) / 2 * stage.over.seconds
        }
        self.legs = legs
    }

    /// The integral of the rate over the whole curve.
    var total: Double {
        guard let last = legs.last else { return 0 }
        return last.before + (last.from + last.to) / 2 * Double(last.length) / 1e9
    }

    /// The offset (ns from the stream's start) of the k-th arrival, searching from leg `leg`
    /// onwards and leaving `leg` at the stage that holds it; `nil` past the last stage.
    func offset(ofArrival k: Int64, from leg: inout Int) -> Int64? {
        while leg < legs.count {
            let stage = legs[leg]
            if let tau = StageCurve.solve(stage, Double(k) - stage.before), tau < Double(stage.length) {
                return stage.offset + Int64(tau.rounded())
            }
            leg += 1
        }
        return nil
    }

    /// τ in nanoseconds where the stage's own integral reaches `m`, or `nil` if it never does.
    static func solve(_ stage: Leg, _ m: Double) -> Double? {
        let m = max(0, m)
        if m == 0 { return 0 }
        let seconds = Double(stage.length) / 1e9
        let a = (stage.to - stage.from) / (2 * seconds)
        if a == 0 {
            return stage.from > 0 ? m * 1e9 / stage.from : nil
        }
        let discriminant = stage.from * stage.from + 4 * a * m
        guard discriminant >= 0 else { return nil }
        let denominator = stage.from + discriminant.squareRoot()
        guard denominator > 0 else { return nil }
        return 2 * m / denominator * 1e9
    }
}
