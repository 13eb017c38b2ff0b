package io.jvirt.daemon.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import javax.net.ssl.SSLSocket;

import io.jvirt.rpc.packet.Packet;

/**
 * A TLS client of jvirtd. The handshake (with the client certificate check) runs on the client's
 * own reader thread at its first read, never on the accept thread; once it succeeded the server
 * sends libvirt's confirmation byte {@code \1}, which libvirt's clients wait for before their first
 * call.
 */
public final class TlsTransport implements Transport {
    private final SSLSocket socket;
    private final String peer;
    private final InputStream in;
    private final OutputStream out;
    private volatile boolean confirmed;

    public TlsTransport(SSLSocket socket, String peer) throws IOException {
        this.socket = socket;
        this.peer = peer;
        this.in = new BufferedInputStream(socket.getInputStream(), 65536);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 65536);
    }

    @Override
    public Packet read() throws IOException {
        if (!confirmed) {
            socket.startHandshake();
            synchronized (out) {
                out.write(1);
                out.flush();
            }
            confirmed = true;
        }
        return Packet.read(in);
    }

    @Override
    public void write(byte[] frame) throws IOException {
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public boolean encrypted() {
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
