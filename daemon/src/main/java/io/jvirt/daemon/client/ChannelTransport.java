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

    public ChannelTransport(SocketChannel channel, String peer) {
        this.channel = channel;
        this.peer = peer;
        this.frames = new FrameReader(channel);
    }

    @Override
    public Packet read() throws IOException {
        return frames.read();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(frame);
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
