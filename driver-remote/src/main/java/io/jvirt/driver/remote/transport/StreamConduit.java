package io.jvirt.driver.remote.transport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

import io.jvirt.rpc.packet.Packet;

/** A pair of streams with independent directions: a TLS socket, or a tunnel process's stdout and stdin. */
final class StreamConduit implements Conduit {
    private final InputStream in;
    private final OutputStream out;
    private final Closeable onClose;
    private final boolean encrypted;
    private final boolean secure;
    private final Supplier<String> diagnostics;

    StreamConduit(InputStream in, OutputStream out, Closeable onClose, boolean encrypted, boolean secure,
            Supplier<String> diagnostics) {
        this.in = new BufferedInputStream(in, 65536);
        this.out = new BufferedOutputStream(out, 65536);
        this.onClose = onClose;
        this.encrypted = encrypted;
        this.secure = secure;
        this.diagnostics = diagnostics;
    }

    @Override
    public Packet read() throws IOException {
        return Packet.read(in);
    }

    @Override
    public void write(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    @Override
    public boolean encrypted() {
        return encrypted;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public String diagnostics() {
        return diagnostics == null ? "" : diagnostics.get();
    }

    @Override
    public void close() {
        try {
            onClose.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
