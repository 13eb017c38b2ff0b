package io.jvirt.rpc.stream;

import io.jvirt.api.VirtException;

/** One stream packet as the receiving end understands it. */
public sealed interface StreamEvent {
    /** STREAM, status CONTINUE: bytes of data. */
    record Data(byte[] bytes) implements StreamEvent {
    }

    /** STREAM_HOLE: {@code length} bytes of zeros, not sent. */
    record Hole(long length, int flags) implements StreamEvent {
    }

    /**
     * STREAM, status OK, no payload: from the sender of data its end; as the answer to a finish or
     * an abort, the confirmation.
     */
    record End() implements StreamEvent {
    }

    /** STREAM with status ERROR (or a REPLY with status ERROR on the stream's serial): why the stream failed. */
    record Failure(VirtException error) implements StreamEvent {
    }
}
