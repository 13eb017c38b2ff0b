package io.jvirt.daemon.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import io.jvirt.daemon.client.ChannelTransport;
import io.jvirt.daemon.client.TlsTransport;

/** A listening socket (unix, TCP or TLS) and its accept thread. */
public final class Listener implements AutoCloseable {
    /**
     * libvirtd.conf's auth_unix_rw, auth_unix_ro, auth_tcp and auth_tls methods. jvirtd implements
     * none; clients of a method that does not imply authentication would count against
     * max_anonymous_clients until they authenticate.
     */
    public enum Auth {
        NONE;

        boolean impliesAuthenticated() {
            return this == NONE;
        }
    }

    private static final Logger LOG = Logger.getLogger(Listener.class.getName());
    /** sun_path holds 108 bytes with the terminating NUL. */
    public static final int MAX_UNIX_PATH = 107;

    private final ServerSocketChannel channel;
    private final boolean readOnly;
    private final String description;
    private final Path unixPath;
    private final SSLServerSocket tls;
    private volatile Thread acceptor;

    private Listener(ServerSocketChannel channel, boolean readOnly, String description, Path unixPath) {
        this.tls = null;
        this.channel = channel;
        this.readOnly = readOnly;
        this.description = description;
        this.unixPath = unixPath;
    }

    /**
     * Binds a unix socket, replacing a stale socket file that nobody listens on; refuses to steal a
     * live one.
     */
    public static Listener unix(Path path, boolean readOnly, String perms) throws IOException {
        int bytes = path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes > MAX_UNIX_PATH) {
            throw new IOException("the socket path " + path + " has " + bytes + " bytes, more than a unix socket address holds ("
                    + MAX_UNIX_PATH + "): choose a shorter directory");
        }
        Files.createDirectories(path.getParent());
        if (Files.exists(path)) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                throw new IOException("another daemon is listening on " + path);
            } catch (IOException stale) {
                if (stale.getMessage() != null && stale.getMessage().startsWith("another daemon")) {
                    throw stale;
                }
                Files.delete(path);
            }
        }
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path), 128);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new Listener(ch, readOnly, "unix:" + path, path);
    }

    public static Listener tcp(String host, int port) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(new InetSocketAddress(host, port), 128);
        } catch (IOException | RuntimeException e) {
            ch.close(); // a socket that did not bind must not linger
            throw e;
        }
        InetSocketAddress bound = (InetSocketAddress) ch.getLocalAddress();
        return new Listener(ch, false, "tcp:" + bound.getHostString() + ":" + bound.getPort(), null);
    }

    private Listener(SSLServerSocket tls, String description) {
        this.tls = tls;
        this.channel = null;
        this.readOnly = false;
        this.description = description;
        this.unixPath = null;
    }

    /**
     * libvirtd's TLS listener: the JDK's TLS server socket; with {@code verifyClients} (libvirt's
     * default, tls_no_verify_certificate = 0) a client must present a certificate that chains to
     * the CA, else its handshake fails and it is dropped.
     */
    public static Listener tls(String host, int port, SSLContext context, boolean verifyClients) throws IOException {
        SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        s.setReuseAddress(true);
        // TLS 1.2: with 1.3 the JDK sends its session tickets after the client's Finished, and
        // libvirt 9.0's client, polling for the confirmation byte, reads the ticket record instead
        // and gives up ("Unable to read TLS confirmation: Resource temporarily unavailable").
        s.setEnabledProtocols(new String[] { "TLSv1.2" });
        try {
            s.bind(new InetSocketAddress(host, port), 128);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        if (verifyClients) {
            s.setNeedClientAuth(true);
        } else {
            s.setWantClientAuth(true);
        }
        return new Listener(s, "tls:" + s.getInetAddress().getHostAddress() + ":" + s.getLocalPort());
    }

    /** e.g. {@code 127.0.0.1:16509} for TCP, the socket path for unix. */
    public String address() {
        if (unixPath != null) {
            return unixPath.toString();
        }
        if (tls != null) {
            return tls.getInetAddress().getHostAddress() + ":" + tls.getLocalPort();
        }
        try {
            SocketAddress a = channel.getLocalAddress();
            InetSocketAddress i = (InetSocketAddress) a;
            return i.getHostString() + ":" + i.getPort();
        } catch (IOException e) {
            return description;
        }
    }

    public boolean readOnly() {
        return readOnly;
    }

    void start(Server server) {
        Thread t = new Thread(() -> acceptLoop(server), "jvirtd-accept-" + description);
        t.setDaemon(true);
        acceptor = t;
        t.start();
    }

    private void acceptLoop(Server server) {
        if (tls != null) {
            tlsAcceptLoop(server);
            return;
        }
        while (channel.isOpen()) {
            try {
                server.awaitClientSlot();
            } catch (InterruptedException e) {
                return;
            }
            try {
                SocketChannel s = channel.accept();
                if (unixPath == null) {
                    // replies are written whole: never hold one back waiting for an ACK (Nagle)
                    s.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                }
                String peer = unixPath != null ? "unix" : "tcp:" + s.getRemoteAddress();
                server.serve(new ChannelTransport(s, peer), readOnly, Auth.NONE);
            } catch (IOException e) {
                server.releaseClientSlot();
                if (channel.isOpen()) {
                    LOG.log(Level.WARNING, "accept failed on " + description, e);
                }
            }
        }
    }

    private void tlsAcceptLoop(Server server) {
        while (!tls.isClosed()) {
            try {
                server.awaitClientSlot();
            } catch (InterruptedException e) {
                return;
            }
            try {
                SSLSocket s = (SSLSocket) tls.accept();
                s.setTcpNoDelay(true);
                server.serve(new TlsTransport(s, "tls:" + s.getRemoteSocketAddress()), false, Auth.NONE);
            } catch (IOException e) {
                server.releaseClientSlot();
                if (!tls.isClosed()) {
                    LOG.log(Level.WARNING, "accept failed on " + description, e);
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            if (tls != null) {
                tls.close();
            } else {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        Thread t = acceptor;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            // the kernel frees the port only when the accept blocked in that thread returns: wait
            // for it, so that a listener bound next to the same port (a rebind) does not race it
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (unixPath != null) {
            try {
                Files.deleteIfExists(unixPath);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
