package io.jvirt.driver.remote.transport;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jvirt.rpc.packet.Header;
import io.jvirt.rpc.packet.Packet;
import io.jvirt.rpc.xdr.XdrReader;

/**
 * A unix or TCP socket channel in non-blocking mode with one selector per direction, so that a
 * blocked read can be woken ({@link #wakeup()}): the RPC client lets the thread that waits for a
 * reply read it itself instead of being handed it by another thread, as libvirt's client does.
 * Whole frames are cut out of a read buffer that grows only for large packets.
 */
final class ChannelConduit implements Conduit {
    private static final int INITIAL = 65536;

    private final SocketChannel channel;
    private final boolean secure;
    private final Selector readSelector;
    private final Selector writeSelector;
    private final AtomicBoolean woken = new AtomicBoolean();
    private ByteBuffer in = ByteBuffer.allocate(INITIAL);

    ChannelConduit(SocketChannel channel, boolean secure) throws IOException {
        this.channel = channel;
        this.secure = secure;
        channel.configureBlocking(false);
        this.readSelector = Selector.open();
        this.writeSelector = Selector.open();
        channel.register(readSelector, SelectionKey.OP_READ);
        channel.register(writeSelector, SelectionKey.OP_WRITE);
    }

    @Override
    public Packet read() throws IOException {
        for (;;) {
            Packet p = cut();
            if (p != null) {
                return p;
            }
            int n = channel.read(in);
            if (n < 0) {
                if (in.position() == 0) {
                    return null;
                }
                throw new EOFException("end of stream in the middle of a packet");
            }
            if (n == 0) {
                if (woken.getAndSet(false)) {
                    return WOKEN;
                }
                readSelector.select();
                readSelector.selectedKeys().clear();
                if (!channel.isOpen()) {
                    throw new java.nio.channels.ClosedChannelException();
                }
            }
        }
    }

    /** One whole frame from the buffer, or null if it holds less than one. */
    private Packet cut() {
        if (in.position() < Packet.LEN_SIZE) {
            return null;
        }
        int length = Packet.checkLength(in.getInt(0));
        if (in.position() < length) {
            if (in.capacity() < length) {
                ByteBuffer bigger = ByteBuffer.allocate(length);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            return null;
        }
        byte[] a = in.array();
        Header h = Header.decode(new XdrReader(a, Packet.LEN_SIZE, Header.SIZE));
        byte[] payload = new byte[length - Packet.LEN_SIZE - Header.SIZE];
        System.arraycopy(a, Packet.LEN_SIZE + Header.SIZE, payload, 0, payload.length);
        in.flip();
        in.position(length);
        in.compact();
        if (in.capacity() > INITIAL && in.position() <= INITIAL) {
            ByteBuffer small = ByteBuffer.allocate(INITIAL);
            in.flip();
            small.put(in);
            in = small;
        }
        return new Packet(h, payload);
    }

    @Override
    public void write(byte[] frame) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(frame);
        while (b.hasRemaining()) {
            if (channel.write(b) == 0) {
                writeSelector.select(1000);
                writeSelector.selectedKeys().clear();
                if (!channel.isOpen()) {
                    throw new java.nio.channels.ClosedChannelException();
                }
            }
        }
    }

    @Override
    public boolean wakeable() {
        return true;
    }

    @Override
    public void wakeup() {
        woken.set(true);
        readSelector.wakeup();
    }

    @Override
    public boolean encrypted() {
        return false;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
        readSelector.wakeup();
        writeSelector.wakeup();
        try {
            readSelector.close();
            writeSelector.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
