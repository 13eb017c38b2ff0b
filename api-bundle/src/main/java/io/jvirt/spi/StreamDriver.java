package io.jvirt.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A driver's side of a stream (libvirt's {@code virStreamDriver}): where the bytes of a bound
 * {@link StreamRef} come from and go to. Calls block. A direction the stream does not have fails
 * with {@code VIR_ERR_NO_SUPPORT}. {@link #reading} and {@link #writing} cover the common case of
 * a local source or sink, as libvirt's fd streams do.
 */
@ConsumerType
public interface StreamDriver {
    /** Reads up to {@code length} bytes; 0 at the end of the data. */
    default int recv(byte[] buffer, int offset, int length) {
        throw Unsupported.api("virStreamRecv");
    }

    /** Writes some of the bytes; returns how many were taken (at least one). */
    default int send(byte[] data, int offset, int length) {
        throw Unsupported.api("virStreamSend");
    }

    default void sendHole(long length, int flags) {
        throw Unsupported.api("virStreamSendHole");
    }

    /**
     * For a source that knows holes (a sparse download): when the data at the read position is a hole,
     * skips it and returns its length; 0 when data or the end follows. {@link #recv} then never reads
     * across the start of a hole.
     */
    default long recvHole() {
        return 0;
    }

    /** Completes the stream: the data are complete and consistent, or this throws why not. */
    void finish();

    /** Drops the stream early; never throws for a stream that is already gone. */
    void abort();

    /** A stream that yields the bytes of {@code in}, then the end (closed on finish and abort). */
    static StreamDriver reading(InputStream in) {
        return new StreamDriver() {
            @Override
            public int recv(byte[] buffer, int offset, int length) {
                try {
                    int n = in.read(buffer, offset, length);
                    return Math.max(n, 0);
                } catch (IOException e) {
                    throw ioError("read from", e);
                }
            }

            @Override
            public void finish() {
                closeQuietly(in);
            }

            @Override
            public void abort() {
                closeQuietly(in);
            }
        };
    }

    /** A stream whose bytes go to {@code out}; holes are written as zeros. {@code out} is closed on finish and abort. */
    static StreamDriver writing(OutputStream out) {
        return new StreamDriver() {
            @Override
            public int send(byte[] data, int offset, int length) {
                try {
                    out.write(data, offset, length);
                    return length;
                } catch (IOException e) {
                    throw ioError("write to", e);
                }
            }

            @Override
            public void sendHole(long length, int flags) {
                byte[] zeros = new byte[(int) Math.min(length, 65536)];
                for (long left = length; left > 0; left -= zeros.length) {
                    send(zeros, 0, (int) Math.min(left, zeros.length));
                }
            }

            @Override
            public void finish() {
                try {
                    out.close();
                } catch (IOException e) {
                    throw ioError("close", e);
                }
            }

            @Override
            public void abort() {
                closeQuietly(out);
            }
        };
    }

    private static VirtException ioError(String what, IOException e) {
        return new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STREAMS,
                "cannot " + what + " stream: " + e.getMessage());
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // the stream is being dropped: nothing to report to
        }
    }
}
