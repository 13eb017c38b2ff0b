package io.jvirt.driver.qemu.chardev;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.spi.StreamDriver;

/**
 * A stream bound to a guest's pty (through a {@link PtyRelay}) or unix socket, both ways, as
 * libvirt's fd stream on a console:
 * {@link #recv} blocks in the caller's thread until the guest writes (in jvirtd that is the
 * stream's own sender thread, never a worker), and ends (returns 0) when QEMU goes away with the
 * guest (the pty's master closes: EIO; the socket closes: EOF). A stream another open takes over
 * ({@code FORCE}) is closed under its reader and fails from then on as libvirtd's aborted stream.
 */
final class ChardevStream implements StreamDriver {
    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean takenOver;
    private volatile boolean ended;

    private ChardevStream(ReadableByteChannel in, WritableByteChannel out, Runnable onClose) {
        this.in = in;
        this.out = out;
        this.onClose = onClose;
    }

    /** Opens the host end of {@code target}; {@code onClose} runs once when the stream is done. */
    static ChardevStream open(ChardevLookup.Target target, Runnable onClose) {
        try {
            if (target.unix()) {
                SocketChannel socket = SocketChannel.open(UnixDomainSocketAddress.of(target.path()));
                return new ChardevStream(socket, socket, onClose);
            }
            PtyRelay pty = PtyRelay.open(target.path());
            return new ChardevStream(pty.in(), pty.out(), onClose);
        } catch (IOException | RuntimeException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STREAMS,
                    (target.unix() ? "Unable to connect to UNIX socket '" : "Unable to open stream for '")
                            + target.path() + "': " + e.getMessage());
        }
    }

    boolean isOpen() {
        return !closed.get();
    }

    /** Another stream takes the device: this one fails from now on. */
    void takeOver() {
        takenOver = true;
        close();
    }

    @Override
    public int recv(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        failIfTakenOver();
        if (ended) {
            return 0;
        }
        try {
            int n;
            do {
                n = in.read(ByteBuffer.wrap(buffer, offset, length));
            } while (n == 0);
            if (n > 0) {
                return n;
            }
        } catch (ClosedChannelException e) {
            // closed by a FORCE open or by finish/abort: told apart below
        } catch (IOException e) {
            // the QEMU at the other end is gone: the guest stopped, the console ends
        }
        failIfTakenOver(); // the end of a stream that was taken over is its failure
        ended = true;
        close();
        return 0;
    }

    @Override
    public int send(byte[] data, int offset, int length) {
        failIfTakenOver();
        try {
            return out.write(ByteBuffer.wrap(data, offset, length));
        } catch (IOException e) {
            failIfTakenOver();
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STREAMS,
                    "cannot write to stream: " + e.getMessage());
        }
    }

    @Override
    public void finish() {
        failIfTakenOver();
        close();
    }

    @Override
    public void abort() {
        close();
    }

    private void failIfTakenOver() {
        if (takenOver) {
            // what a client of libvirtd sees when another client forced the console away from it
            throw new VirtException(ErrorCode.RPC, ErrorDomain.STREAMS, "stream had I/O failure");
        }
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            for (java.nio.channels.Channel c : new java.nio.channels.Channel[] {in, out}) {
                try {
                    c.close(); // wakes a reader blocked in read
                } catch (IOException ignored) {
                    // nothing more to release
                }
            }
            onClose.run();
        }
    }
}
