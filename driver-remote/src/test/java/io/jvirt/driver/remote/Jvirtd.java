package io.jvirt.driver.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;

/** jvirtd in this JVM serving the vendor driver on a unix socket and loopback TCP. */
final class Jvirtd implements AutoCloseable {
    final Path dir;
    final Server server;
    final Listener unix;
    final Listener tcp;

    Jvirtd() throws IOException {
        this(Files.createTempDirectory("jvirtd-remote-test"), 0);
    }

    Jvirtd(Path dir, int tcpPort) throws IOException {
        this.dir = dir;
        this.server = new Server(Platform.server(), Limits.defaults());
        this.unix = Listener.unix(dir.resolve("libvirt-sock"), false, "rwx------");
        this.tcp = Listener.tcp("127.0.0.1", tcpPort);
        server.listen(unix);
        server.listen(Listener.unix(dir.resolve("libvirt-sock-ro"), true, "rwxrwxrwx"));
        server.listen(tcp);
    }

    String unixUri() {
        return "vendor+unix:///default?socket=" + unix.address();
    }

    /** jvirt's test driver through this jvirtd. */
    String testUnixUri() {
        return "test+unix:///default?socket=" + unix.address();
    }

    String tcpUri() {
        return "vendor+tcp://" + tcp.address() + "/default";
    }

    int tcpPort() {
        return Integer.parseInt(tcp.address().substring(tcp.address().lastIndexOf(':') + 1));
    }

    @Override
    public void close() {
        server.close();
    }
}
