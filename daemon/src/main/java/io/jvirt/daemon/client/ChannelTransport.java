package io.jvirt.daemon.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import io.jvirt.rpc.packet.FrameReader;
import io.jvirt.rpc.packet.Packet;

/**
 * A unix or TCP socket channel in blocking mode. Reads and writes use the channel directly (not
 * stream adaptors, which serialize reads and writes on one lock and would let a blocked read stall
 * a reply).
 */
public final class ChannelTransport implements Transport {
    private final SocketChannel channel;
    private final String peer;
    private final FrameReader frames;
    /** TCP clients may start a SASL security layer (plain TCP is the one transport that needs it). */
    private final SaslChannel sasl;
    private volatile io.jvirt.daemon.auth.SecurityLayer encoder;

    public ChannelTransport(SocketChannel channel, String peer) {
        this.channel = channel;
        this.peer = peer;
        this.sasl = peer.startsWith("tcp:") ? new SaslChannel(channel) : null;
        this.frames = new FrameReader(sasl != null ? sasl : channel);
    }

    @Override
    public void decodeFrom(io.jvirt.daemon.auth.SecurityLayer layer) {
        if (sasl == null) {
            throw new IllegalStateException("this transport carries no SASL security layer");
        }
        sasl.decodeFrom(layer);
    }

    @Override
    public void encodeWith(io.jvirt.daemon.auth.SecurityLayer layer) {
        encoder = layer;
    }

    @Override
    public Packet read() throws IOException {
        return frames.read();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        io.jvirt.daemon.auth.SecurityLayer layer = encoder;
        if (layer != null) {
            // Cyrus's sasl_encode: tokens of at most the peer's buffer, each after its 4-byte length
            for (int off = 0; off < frame.length; off += layer.maxPlain()) {
                byte[] t = layer.wrap(frame, off, Math.min(layer.maxPlain(), frame.length - off));
                writeAll(ByteBuffer.allocate(4).putInt(0, t.length));
                writeAll(ByteBuffer.wrap(t));
            }
            return;
        }
        writeAll(ByteBuffer.wrap(frame));
    }

    private void writeAll(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public boolean encrypted() {
        return false;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
