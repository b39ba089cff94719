import NIOCore

/// Holds a call open, answering nothing, until the client goes away or the server stops.
///
/// The server allows remote half-closure, so a client that gives up only closes the channel's
/// input; this handler, put at the front of the pipeline, turns that (and the server's
/// quiesce event) into a full close, which ends the wait.
enum HangUntilGone {
    /// Waits until `channel` closes: its client went away, the call was cancelled, or the server
    /// shutting down closed the calls in `calls`.
    static func wait(on channel: any Channel, calls: HangingCalls) async {
        guard calls.hold(channel) else {
            try? await channel.close()
            return
        }
        defer { calls.release(channel) }
        let added = channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(CloseOnInputClosed(), position: .first)
        }
        _ = try? await added.get()
        await withTaskCancellationHandler {
            try? await channel.closeFuture.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    /// Closes the channel when its input closes or the server asks connections to quiesce.
    final class CloseOnInputClosed: ChannelInboundHandler {
        typealias InboundIn = NIOAny

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case ChannelEvent.inputClosed = event {
                context.close(promise: nil)
            } else if event is ChannelShouldQuiesceEvent {
                context.close(promise: nil)
            }
            context.fireUserInboundEventTriggered(event)
        }
    }
}
