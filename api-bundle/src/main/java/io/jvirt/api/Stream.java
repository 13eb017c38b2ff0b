package io.jvirt.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A data stream of a connection: libvirt's {@code virStreamPtr}. Obtained empty from
 * {@link Connect#newStream()}, then handed to an API that streams (a screenshot, a volume upload or
 * download, a console), which binds it to its data. Data flows in one direction or both depending
 * on that API. Reading ends with {@link #recv} returning 0 (end of stream), after which
 * {@link #finish()} confirms that all went well; writing ends with {@link #finish()} too.
 * {@link #abort()} ends a stream early. Closing a stream that was not finished aborts it.
 */
@ProviderType
public interface Stream extends AutoCloseable {
    /**
     * {@code virStreamSend}: writes some of the bytes, blocking until the stream takes at least one;
     * returns how many were taken.
     */
    int send(byte[] data, int offset, int length);

    /**
     * {@code virStreamRecv}: reads up to {@code length} bytes, blocking until some arrive; returns
     * how many were read, 0 at the end of the stream.
     */
    int recv(byte[] buffer, int offset, int length);

    /**
     * {@code virStreamRecvHole} after {@code virStreamRecvFlags(VIR_STREAM_RECV_STOP_AT_HOLE)}: when the
     * data the stream reads next is a hole (a sparse volume's download), skips it and returns its
     * length; 0 when data or the end follows, and always for streams that know no holes. {@link #recv}
     * never reads across the start of a hole.
     */
    default long recvHole() {
        return 0;
    }

    /** {@code virStreamSendHole}: tells a sparse-aware receiver that {@code length} bytes of zeros follow. */
    void sendHole(long length);

    /** {@code virStreamFinish}: completes the stream; throws the error of the other end if it failed. */
    void finish();

    /** {@code virStreamAbort}: ends the stream early; the other end discards what it has. */
    void abort();

    /** Aborts the stream unless it was finished or aborted already. */
    @Override
    void close();
}
