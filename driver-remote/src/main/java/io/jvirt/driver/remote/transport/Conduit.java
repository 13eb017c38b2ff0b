package io.jvirt.driver.remote.transport;

import java.io.Closeable;
import java.io.IOException;

import io.jvirt.rpc.packet.Packet;

/**
 * The byte stream under one RPC client (unix or TCP socket, TLS session, ssh or external command):
 * whole packets in and out. One thread reads; writes are serialized by the caller.
 */
public interface Conduit extends Closeable {
    /** What {@link #read()} returns when {@link #wakeup()} cut it short. */
    Packet WOKEN = new Packet(new io.jvirt.rpc.packet.Header(0, 0, 0, io.jvirt.rpc.packet.MessageType.MESSAGE, 0,
            io.jvirt.rpc.packet.MessageStatus.OK), new byte[0]);

    /** The next packet, or null at a clean end of stream, or {@link #WOKEN}. */
    Packet read() throws IOException;

    /**
     * Whether a blocked {@link #read()} can be cut short by {@link #wakeup()}: then a calling thread
     * may take over reading from the background reader and read its own reply.
     */
    default boolean wakeable() {
        return false;
    }

    /** Makes a blocked (or the next) {@link #read()} return {@link #WOKEN}. */
    default void wakeup() {
    }

    /** Writes one whole frame. */
    void write(byte[] frame) throws IOException;

    /** Whether the bytes are encrypted on the wire (TLS). */
    boolean encrypted();

    /** Whether libvirt counts the transport as secure (unix, TLS, ssh; not plain TCP or ext). */
    boolean secure();

    /** What went wrong on the far side when the stream ended early (a tunnel's stderr), or "". */
    default String diagnostics() {
        return "";
    }

    /** Shuts the conduit; a blocked read or write fails. Idempotent. */
    @Override
    void close();
}
