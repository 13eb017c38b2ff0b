package io.jvirt.daemon.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What one of jvirtd's listeners is configured to be (the unix socket pair, TCP, TLS): bound as
 * one unit, shown by one address. Settings are checked when bound, so a bad one fails that
 * listener only (see {@link Listeners}).
 */
public sealed interface ListenerSpec {
    /** The address shown in the status and in messages: a socket path or host:port, or {@code off}. */
    String address();

    /** Whether binding this while {@code other} is bound could collide with it (same socket path or port). */
    boolean overlaps(ListenerSpec other);

    /** Binds the listeners (none for {@code off}); either all of them or, on failure, none. */
    List<Listener> bind() throws IOException;

    /** {@code libvirt-sock} (read-write) and {@code libvirt-sock-ro} (read-only) in one directory. */
    record Unix(Path dir, String rwPerms, String roPerms) implements ListenerSpec {
        @Override
        public String address() {
            return dir.resolve("libvirt-sock").toString();
        }

        @Override
        public boolean overlaps(ListenerSpec other) {
            return other instanceof Unix u && u.dir.equals(dir);
        }

        @Override
        public List<Listener> bind() throws IOException {
            String rwMode = perms("unix.sock.rw.perms", rwPerms);
            String roMode = perms("unix.sock.ro.perms", roPerms);
            Listener rw = Listener.unix(dir.resolve("libvirt-sock"), false, rwMode);
            try {
                return List.of(rw, Listener.unix(dir.resolve("libvirt-sock-ro"), true, roMode));
            } catch (IOException | RuntimeException e) {
                rw.close();
                throw e;
            }
        }
    }

    /** TCP without TLS, auth none: {@code host:port} or {@code off}. */
    record Tcp(String setting) implements ListenerSpec {
        @Override
        public String address() {
            return setting;
        }

        @Override
        public boolean overlaps(ListenerSpec other) {
            return other instanceof Tcp t && samePort(setting, t.setting);
        }

        @Override
        public List<Listener> bind() throws IOException {
            if (off(setting)) {
                return List.of();
            }
            return List.of(Listener.tcp(host("tcp", setting), port("tcp", setting)));
        }
    }

    /** TLS with libvirt's x509 files from {@code pki} (null: libvirtd's default paths). */
    record Tls(String setting, Path pki, boolean verifyClients) implements ListenerSpec {
        @Override
        public String address() {
            return setting;
        }

        @Override
        public boolean overlaps(ListenerSpec other) {
            return other instanceof Tls t && samePort(setting, t.setting);
        }

        @Override
        public List<Listener> bind() throws IOException {
            if (off(setting)) {
                return List.of();
            }
            String host = host("tls", setting);
            int port = port("tls", setting);
            return List.of(Listener.tls(host, port, TlsContexts.server(TlsContexts.ServerFiles.of(pki)), verifyClients));
        }
    }

    static boolean off(String setting) {
        return setting.equalsIgnoreCase("off");
    }

    private static String host(String key, String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw malformed(key, address);
        }
        return address.substring(0, colon).replace("[", "").replace("]", "");
    }

    private static int port(String key, String address) {
        try {
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException bad) {
            // said below
        }
        throw malformed(key, address);
    }

    private static IllegalArgumentException malformed(String key, String address) {
        return new IllegalArgumentException(key + " wants host:port (port 0 to 65535) or off, not '" + address + "'");
    }

    private static boolean samePort(String a, String b) {
        if (off(a) || off(b)) {
            return false;
        }
        String pa = a.substring(a.lastIndexOf(':') + 1);
        return !pa.equals("0") && pa.equals(b.substring(b.lastIndexOf(':') + 1));
    }

    /** libvirtd.conf writes permissions in octal ("0700"); Java wants "rwx------". */
    static String perms(String key, String octal) {
        int mode;
        try {
            mode = Integer.parseInt(octal.trim(), 8);
        } catch (NumberFormatException bad) {
            throw new IllegalArgumentException(key + " wants an octal mode such as 0700, not '" + octal + "'");
        }
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException(key + " wants an octal mode such as 0700, not '" + octal + "'");
        }
        StringBuilder sb = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            sb.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return sb.toString();
    }
}
