package io.jvirt.driver.lxc.controller;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A controller's unix control socket (one line per request, see controller.c): {@code hello},
 * {@code watch}, {@code console N}, {@code kill SIG}, {@code initctl LEVEL}, {@code destroy}.
 */
public final class ControlSocket {
    private ControlSocket() {
    }

    /** Sends one request and returns the one-line reply. */
    public static String request(Path socket, String line) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            send(ch, line);
            return readLine(ch);
        }
    }

    /** Opens a connection, sends {@code line} and checks that the reply is {@code ok}: the connection is then the caller's. */
    public static SocketChannel open(Path socket, String line) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        try {
            send(ch, line);
            String reply = readLine(ch);
            if (reply == null || !reply.equals("ok")) {
                throw new IOException(reply == null ? "the controller closed the connection"
                        : reply.startsWith("error ") ? reply.substring(6) : reply);
            }
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    private static void send(SocketChannel ch, String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Reads one line byte by byte (what follows it, console data, stays in the socket); null at end of file. */
    public static String readLine(SocketChannel ch) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder sb = new StringBuilder();
        while (true) {
            one.clear();
            int n = ch.read(one);
            if (n < 0) {
                return sb.length() == 0 ? null : sb.toString();
            }
            if (n == 0) {
                continue;
            }
            char c = (char) (one.get(0) & 0xff);
            if (c == '\n') {
                return sb.toString();
            }
            sb.append(c);
        }
    }
}
