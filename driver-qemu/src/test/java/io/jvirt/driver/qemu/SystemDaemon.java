package io.jvirt.driver.qemu;

import java.io.IOException;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * jvirtd serving a fixture's driver on a unix socket under its root, for real virsh: virsh refuses
 * embed URIs over a socket, so clients use {@code qemu:///system}, which the fixture's driver keeps
 * under its root too ({@code ROOT/system}). {@link #conn} is the same instance in process.
 */
final class SystemDaemon implements AutoCloseable {
    final Connect conn;
    /** {@code qemu+unix:///system?socket=...} */
    final String uri;
    private final Server server;

    SystemDaemon(QemuFixture q) throws IOException {
        InProcessVirt virt = new InProcessVirt("qemu:///system").add(q.driver, "qemu", "qemu");
        conn = virt.open("qemu:///system");
        server = new Server(virt, Limits.defaults());
        Listener sock = Listener.unix(q.root.resolve("sock"), false, "rwx------");
        server.listen(sock);
        uri = "qemu+unix:///system?socket=" + sock.address();
    }

    /** Stops serving and destroys and undefines what the tests left. */
    @Override
    public void close() {
        server.close();
        for (Domain d : conn.listAllDomains()) {
            try {
                if (d.isActive()) {
                    d.destroy();
                }
                if (d.isPersistent()) {
                    d.undefine();
                }
            } catch (RuntimeException e) {
                // best effort: the fixture's close removes the rest
            }
        }
        conn.close();
    }
}
