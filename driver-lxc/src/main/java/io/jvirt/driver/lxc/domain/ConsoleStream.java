package io.jvirt.driver.lxc.domain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.spi.StreamDriver;

/**
 * A console stream ({@code virDomainOpenConsole}): a connection to the controller's socket that
 * it turned into the console's bytes both ways ({@code console N}). The controller holds the
 * console, so a stream survives nothing but the container; a new stream replaces the old one.
 */
final class ConsoleStream implements StreamDriver {
    private final SocketChannel ch;
    private final AtomicBoolean closed = new AtomicBoolean();

    ConsoleStream(SocketChannel ch) {
        this.ch = ch;
    }

    @Override
    public int recv(byte[] buffer, int offset, int length) {
        if (length == 0 || closed.get()) {
            return 0;
        }
        try {
            int n;
            do {
                n = ch.read(ByteBuffer.wrap(buffer, offset, length));
            } while (n == 0);
            if (n > 0) {
                return n;
            }
        } catch (IOException e) {
            // the container ended, or the stream was replaced or closed
        }
        close();
        return 0;
    }

    @Override
    public int send(byte[] data, int offset, int length) {
        try {
            ByteBuffer b = ByteBuffer.wrap(data, offset, length);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            return length;
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.STREAMS, "cannot write to stream: " + e.getMessage());
        }
    }

    @Override
    public void finish() {
        close();
    }

    @Override
    public void abort() {
        close();
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
