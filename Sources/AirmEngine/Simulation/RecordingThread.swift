import Foundation

/// Records a simulated run's samples on a second thread while the simulator makes the next ones
/// (docs/architecture.md "Simulation").
///
/// Samples travel in whole batches and in order, so the recorder sees exactly the sequence one
/// thread would give it, and the result is the same. At most `depth` batches wait, so a simulator
/// that outruns the recorder waits for it and memory stays fixed; emptied batches come back to
/// the simulator to be filled again, so nothing is allocated once the run is going.
final class RecordingThread<Recorder: SampleRecorder & Sendable>: @unchecked Sendable {
    // @unchecked: `waiting`, `spare`, `closed` and `finished` are only touched under `condition`'s
    // lock; `recorder` only by the recording thread until `finish()` has seen `finished`.

    /// Samples per batch: large enough that the lock is taken rarely, small enough to stay in cache.
    static var batchSize: Int { 4096 }

    private let condition = NSCondition()
    private let depth: Int
    private var waiting: [[RunCore.Sample]] = []
    private var spare: [[RunCore.Sample]] = []
    private var closed = false
    private var finished = false
    private var recorder: Recorder

    init(recorder: Recorder, depth: Int = 4) {
        self.recorder = recorder
        self.depth = depth
        let thread = Thread { [self] in self.recordUntilClosed() }
        thread.name = "airm-recorder"
        thread.start()
    }

    /// Hands `batch` to the recording thread and leaves an empty one in its place.
    func send(_ batch: inout [RunCore.Sample]) {
        guard !batch.isEmpty else { return }
        condition.lock()
        while waiting.count >= depth { condition.wait() }
        var empty = spare.popLast() ?? []
        swap(&empty, &batch)
        waiting.append(empty)
        condition.broadcast()
        condition.unlock()
        batch.reserveCapacity(Self.batchSize)
    }

    /// Waits until every batch sent has been recorded, and returns the recorder.
    func finish() -> Recorder {
        condition.lock()
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
        return recorder
    }

    private func recordUntilClosed() {
        var batch: [RunCore.Sample] = []
        while true {
            condition.lock()
            if batch.capacity > 0 {
                batch.removeAll(keepingCapacity: true)
                spare.append(batch)
                batch = []
            }
            while waiting.isEmpty && !closed { condition.wait() }
            guard !waiting.isEmpty else {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            batch = waiting.removeFirst()
            condition.broadcast()
            condition.unlock()
            for sample in batch { sample.record(into: &recorder) }
        }
    }
}
