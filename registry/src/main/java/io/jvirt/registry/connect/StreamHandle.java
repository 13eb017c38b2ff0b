package io.jvirt.registry.connect;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.Stream;
import io.jvirt.api.VirtException;
import io.jvirt.spi.StreamDriver;
import io.jvirt.spi.StreamRef;
import io.jvirt.spi.Unsupported;

/**
 * A stream of one connection: empty until an API binds a driver's data to it, then passes every
 * call to that data, and forgets it once finished or aborted (as libvirt's fd and remote streams
 * drop their driver), so later calls fail as on an unbound stream.
 */
final class StreamHandle implements Stream, StreamRef {
    /** Marks a stream that was bound and then finished or aborted. */
    private static final StreamDriver ENDED = new StreamDriver() {
        @Override
        public void finish() {
        }

        @Override
        public void abort() {
        }
    };

    private final ManagedConnection conn;
    private final AtomicReference<StreamDriver> io = new AtomicReference<>();

    StreamHandle(ManagedConnection conn) {
        this.conn = conn;
    }

    ManagedConnection connection() {
        return conn;
    }

    @Override
    public void bind(StreamDriver driver) {
        Objects.requireNonNull(driver, "driver");
        if (!io.compareAndSet(null, driver)) {
            throw new VirtException(ErrorCode.OPERATION_INVALID, ErrorDomain.STREAMS,
                    "Requested operation is not valid: stream is already in use");
        }
    }

    private StreamDriver live(String api) {
        StreamDriver d = io.get();
        if (d == null || d == ENDED) {
            throw Unsupported.api(api);
        }
        return d;
    }

    @Override
    public int send(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        return live("virStreamSend").send(data, offset, length);
    }

    @Override
    public int recv(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        return live("virStreamRecv").recv(buffer, offset, length);
    }

    @Override
    public long recvHole() {
        return live("virStreamRecvHole").recvHole();
    }

    @Override
    public void sendHole(long length) {
        if (length < 0) {
            throw new VirtException(ErrorCode.INVALID_ARG, ErrorDomain.NONE,
                    "invalid argument: length in virStreamSendHole must not be negative");
        }
        live("virStreamSendHole").sendHole(length, 0);
    }

    @Override
    public void finish() {
        StreamDriver d = live("virStreamFinish");
        if (io.compareAndSet(d, ENDED)) {
            d.finish();
        }
    }

    /** As libvirt, aborting a stream that was never bound, or has ended, does nothing. */
    @Override
    public void abort() {
        StreamDriver d = io.get();
        if (d != null && d != ENDED && io.compareAndSet(d, ENDED)) {
            d.abort();
        }
    }

    @Override
    public void close() {
        abort();
    }
}
