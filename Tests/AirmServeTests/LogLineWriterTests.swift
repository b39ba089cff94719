import Dispatch
import Foundation
import Logging
import Testing
@testable import AirmServe

@Suite struct LogLineWriterTests {
    /// A pipe whose read end is drained on a thread of its own once `startReading()` is called;
    /// `output()` closes the write end and returns everything read.
    private final class Pipe: @unchecked Sendable {
        let read: Int32
        let write: Int32
        private var bytes: [UInt8] = []
        private let done = DispatchSemaphore(value: 0)

        init() throws {
            var ends: [Int32] = [0, 0]
            try #require(pipe(&ends) == 0)
            (read, write) = (ends[0], ends[1])
        }

        func startReading() {
            DispatchQueue.global().async {
                var chunk = [UInt8](repeating: 0, count: 65536)
                while true {
                    let count = Foundation.read(self.read, &chunk, chunk.count)
                    if count <= 0 { break }
                    self.bytes.append(contentsOf: chunk[0..<count])
                }
                close(self.read)
                self.done.signal()
            }
        }

        func output() -> String {
            close(write)
            done.wait()
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test func linesArriveInOrderInStreamLogHandlersFormat() throws {
        let pipe = try Pipe()
        pipe.startReading()
        let writer = LogLineWriter(descriptor: pipe.write)
        let logger = Logger(label: "airm.test") { writer.handler(label: $0) }
        for index in 0..<2000 { logger.info("line", metadata: ["n": "\(index)"]) }
        writer.flush()
        let lines = pipe.output().split(separator: "\n")
        #expect(lines.count == 2000)
        #expect(lines.map { $0.contains(" info airm.test: n=") && $0.hasSuffix("[AirmServeTests] line") }.allSatisfy { $0 })
        #expect(lines.compactMap { $0.split(separator: "n=").last?.split(separator: " ").first.flatMap { Int($0) } } == Array(0..<2000))
        #expect(writer.dropped == 0)
    }

    @Test func aStalledOutputDropsLinesBeyondTheLimitAndSaysHowMany() throws {
        let pipe = try Pipe()
        // Nothing reads the pipe yet: once its buffer is full the writer's queue blocks in write(2),
        // while `write` goes on returning at once.
        let writer = LogLineWriter(descriptor: pipe.write, limit: 8192)
        let line = String(repeating: "x", count: 1019)
        for index in 0..<400 { writer.write("\(String(format: "%04d", index))\(line)\n") }
        let dropped = writer.dropped
        #expect(dropped >= 200)
        pipe.startReading()
        writer.flush()
        let output = pipe.output()
        let lines = output.split(separator: "\n")
        let kept = lines.compactMap { $0.hasSuffix(line) ? Int($0.prefix(4)) : nil }
        #expect(kept.count + dropped == 400)
        #expect(kept == kept.sorted() && kept.first == 0)
        let notes = lines.filter { $0.contains("log lines dropped") }
        let reported = notes.compactMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } }.reduce(0, +)
        #expect(reported == dropped)
    }

    @Test func aClosedOutputLosesTheLinesWithoutBlockingOrTrapping() throws {
        // As airm's `main` does: a closed pipe is an error from write(2), not a signal.
        signal(SIGPIPE, SIG_IGN)
        let pipe = try Pipe()
        close(pipe.read)
        let writer = LogLineWriter(descriptor: pipe.write)
        for index in 0..<100 { writer.write("line \(index)\n") }
        writer.flush()
        close(pipe.write)
        #expect(writer.dropped == 0)
    }
}
