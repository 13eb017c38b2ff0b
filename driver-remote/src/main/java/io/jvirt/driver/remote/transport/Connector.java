package io.jvirt.driver.remote.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;

/** Opens the conduit a {@link Target} names, with libvirt's error codes for what fails. */
public final class Connector {
    private Connector() {
    }

    /** @param connectTimeoutMs the limit for establishing a TCP or TLS connection */
    public static Conduit connect(Target t, int connectTimeoutMs) {
        return switch (t.kind()) {
            case UNIX -> unix(t);
            case TCP -> channelConduit(tcp(t, connectTimeoutMs), false, t);
            case TLS -> tls(t, connectTimeoutMs);
            case SSH -> command(SshCommand.argv(t), true);
            case EXT -> command(List.of(t.command()), false);
        };
    }

    private static Conduit unix(Target t) {
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(t.socket()));
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return channelConduit(ch, true, t);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "Failed to connect socket to '" + t.socket() + "': " + reason(e), e);
        }
    }

    private static Conduit channelConduit(SocketChannel ch, boolean secure, Target t) {
        try {
            return new ChannelConduit(ch, secure);
        } catch (IOException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "cannot set up the connection to " + t.describe() + ": " + reason(e), e);
        }
    }

    private static SocketChannel tcp(Target t, int connectTimeoutMs) {
        try {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.socket().connect(new InetSocketAddress(t.host(), t.port()), connectTimeoutMs);
                ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return ch;
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "unable to connect to server at '" + t.host() + ":" + t.port() + "': " + reason(e), e);
        }
    }

    /**
     * TCP, the TLS handshake (the server's name checked against its certificate unless no_verify),
     * then libvirt's confirmation byte: the server sends {@code \1} once it accepted our certificate.
     */
    private static Conduit tls(Target t, int connectTimeoutMs) {
        SSLContext ctx = Tls.clientContext(t.pkiPath(), t.noVerify());
        java.net.Socket plain;
        try {
            plain = new java.net.Socket();
            plain.connect(new InetSocketAddress(t.host(), t.port()), connectTimeoutMs);
            plain.setTcpNoDelay(true);
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "unable to connect to server at '" + t.host() + ":" + t.port() + "': " + reason(e), e);
        }
        SSLSocket s;
        try {
            s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, t.host(), t.port(), true);
            s.setUseClientMode(true);
            SSLParameters p = s.getSSLParameters();
            if (!t.noVerify()) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!Character.isDigit(t.host().charAt(0)) && t.host().indexOf(':') < 0) {
                p.setServerNames(List.of(new SNIHostName(t.host())));
            }
            s.setSSLParameters(p);
            s.startHandshake();
        } catch (IOException e) {
            closeQuietly(plain);
            throw new VirtException(ErrorCode.AUTH_FAILED, ErrorDomain.RPC,
                    "authentication failed: TLS handshake with " + t.host() + ":" + t.port() + " failed: "
                            + reason(e), e);
        }
        try {
            int confirm = s.getInputStream().read();
            if (confirm != 1) {
                closeQuietly(s);
                throw new VirtException(ErrorCode.RPC, ErrorDomain.RPC,
                        "server verification (of our certificate or IP address) failed");
            }
            return new StreamConduit(s.getInputStream(), s.getOutputStream(), s, true, true, null);
        } catch (IOException e) {
            closeQuietly(s);
            throw new VirtException(ErrorCode.RPC, ErrorDomain.RPC,
                    "server verification (of our certificate or IP address) failed: " + reason(e), e);
        }
    }

    /** ssh or an external command: its stdin and stdout carry the protocol; stderr is kept for errors. */
    private static Conduit command(List<String> argv, boolean secure) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new VirtException(ErrorCode.SYSTEM_ERROR, ErrorDomain.RPC,
                    "Cannot run '" + argv.get(0) + "': " + reason(e), e);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try (InputStream in = p.getErrorStream()) {
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (err) {
                        if (err.size() < 65536) {
                            err.write(buf, 0, n);
                        }
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "jvirt-remote-stderr");
        drain.setDaemon(true);
        drain.start();
        return new StreamConduit(p.getInputStream(), p.getOutputStream(), () -> {
            p.destroy();
            try {
                if (!p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, false, secure, () -> {
            try {
                drain.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (err) {
                return new String(err.toByteArray(), StandardCharsets.UTF_8).trim();
            }
        });
    }

    private static String reason(IOException e) {
        if (e instanceof SSLException && e.getCause() != null && e.getCause().getMessage() != null) {
            return e.getMessage();
        }
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        if (m.contains("Connection refused")) {
            return "Connection refused";
        }
        if (e instanceof java.nio.file.NoSuchFileException || m.contains("No such file")) {
            return "No such file or directory";
        }
        return m;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
