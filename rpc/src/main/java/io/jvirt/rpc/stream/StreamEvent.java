package io.jvirt.rpc.stream;

import io.jvirt.api.VirtException;

/** One stream packet as the receiving end understands it. */
public sealed interface StreamEvent {
    /** STREAM, status CONTINUE, with a payload: bytes of data. */
    record Data(byte[] bytes) implements StreamEvent {
    }

    /** STREAM, status CONTINUE, with no payload: the sender of data has no more. */
    record End() implements StreamEvent {
    }

    /** STREAM_HOLE: {@code length} bytes of zeros, not sent. */
    record Hole(long length, int flags) implements StreamEvent {
    }

    /**
     * STREAM, status OK, no payload: from the client, finish the stream; from the server, the
     * confirmation of a finish or an abort.
     */
    record Finish() implements StreamEvent {
    }

    /** STREAM with status ERROR (or a REPLY with status ERROR on the stream's serial): why the stream failed. */
    record Failure(VirtException error) implements StreamEvent {
    }
}
