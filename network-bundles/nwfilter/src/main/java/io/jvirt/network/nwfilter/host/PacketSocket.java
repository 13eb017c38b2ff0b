package io.jvirt.network.nwfilter.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * A raw packet socket bound to one network device ({@code AF_PACKET}, every protocol): what the
 * driver sees of a guest's traffic on its tap while it learns the guest's address. Frames the
 * guest sent arrive as received on the tap; frames sent to the guest arrive marked
 * {@link Frame#outgoing()}. The socket belongs to the network namespace it was opened in.
 */
public final class PacketSocket implements AutoCloseable {
    /** {@code sll_pkttype} of a frame the host sends out of the device (to the guest on a tap). */
    private static final int PACKET_OUTGOING = 4;

    private final int fd;
    private volatile boolean closed;

    private PacketSocket(int fd) {
        this.fd = fd;
    }

    /** One frame: its bytes and whether the host sent it out of the device. */
    public record Frame(byte[] data, boolean outgoing) {
    }

    /** Opens a socket on the device of that index (in the calling thread's network namespace). */
    static PacketSocket open(int ifindex) throws IOException {
        int fd = LibC.C.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw error("socket(AF_PACKET)");
        }
        ByteBuffer sll = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        sll.putShort((short) LibC.AF_PACKET);
        sll.order(ByteOrder.BIG_ENDIAN).putShort((short) LibC.ETH_P_ALL).order(ByteOrder.nativeOrder());
        sll.putInt(ifindex);
        if (LibC.C.bind(fd, sll.array(), 20) < 0) {
            IOException e = error("bind(AF_PACKET, ifindex " + ifindex + ")");
            LibC.C.close(fd);
            throw e;
        }
        return new PacketSocket(fd);
    }

    /**
     * The next frame, waiting at most {@code timeoutMs}; null when none came or the socket was
     * closed.
     */
    public Frame receive(int timeoutMs) throws IOException {
        if (closed) {
            return null;
        }
        ByteBuffer pfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        pfd.putInt(fd).putShort(LibC.POLLIN).putShort((short) 0);
        int n = LibC.C.poll(pfd.array(), new NativeLong(1), timeoutMs);
        if (n < 0) {
            int errno = Native.getLastError();
            if (errno == LibC.EINTR) {
                return null;
            }
            throw error("poll");
        }
        if (n == 0 || closed) {
            return null;
        }
        byte[] buf = new byte[65536];
        byte[] from = new byte[20];
        int[] fromLen = {20};
        long got = LibC.C.recvfrom(fd, buf, new NativeLong(buf.length), 0, from, fromLen).longValue();
        if (got < 0) {
            int errno = Native.getLastError();
            if (errno == LibC.EINTR || errno == LibC.EAGAIN) {
                return null;
            }
            throw error("recvfrom");
        }
        return new Frame(Arrays.copyOf(buf, (int) got), (from[10] & 0xFF) == PACKET_OUTGOING);
    }

    /** Sends one frame out of the device (tests use it to stand in for a guest's tap). */
    public void send(byte[] frame) throws IOException {
        if (LibC.C.sendto(fd, frame, new NativeLong(frame.length), 0, null, 0).longValue() < 0) {
            throw error("sendto");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.C.close(fd);
        }
    }

    static IOException error(String what) {
        int errno = Native.getLastError();
        return new IOException(what + ": " + LibC.C.strerror(errno));
    }
}
