package io.jvirt.driver.remote.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import io.jvirt.rpc.packet.Packet;

/**
 * A unix or TCP socket channel in blocking mode. Reads and writes go to the channel itself, which
 * keeps separate read and write locks (stream adaptors would share one and let a blocked read
 * stall a call).
 */
final class ChannelConduit implements Conduit {
    private final SocketChannel channel;
    private final boolean secure;

    ChannelConduit(SocketChannel channel, boolean secure) {
        this.channel = channel;
        this.secure = secure;
    }

    @Override
    public Packet read() throws IOException {
        return Packet.read(channel);
    }

    @Override
    public void write(byte[] frame) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(frame);
        while (b.hasRemaining()) {
            channel.write(b);
        }
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
    }
}
