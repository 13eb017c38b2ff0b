package io.jvirt.driver.lxc;

import java.nio.file.Files;
import java.nio.file.Path;

import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.driver.lxc.cgroup.Cgroups;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * jvirtd serving the LXC driver's {@code lxc:///system} (state under {@code ROOT/system}) on
 * {@code ROOT/sock}, for real clients (virsh, libvirt-python) in tests and in {@code bench/lxc.sh}.
 * As a program: {@code LxcDaemon ROOT} prints {@code ready URI} and serves until its stdin closes;
 * containers left running are destroyed then.
 */
public final class LxcDaemon implements AutoCloseable {
    final LxcDriver driver;
    final String uri;
    private final Server server;

    LxcDaemon(Path root) throws Exception {
        Files.createDirectories(root);
        driver = new LxcDriver(root.resolve("system"), Cgroups.host());
        InProcessVirt virt = new InProcessVirt("lxc:///system").add(driver, "lxc", "lxc");
        server = new Server(virt, Limits.defaults());
        Listener sock = Listener.unix(root.resolve("sock"), false, "rwx------");
        server.listen(sock);
        uri = "lxc+unix:///system?socket=" + sock.address();
    }

    @Override
    public void close() {
        server.close();
        driver.deactivate();
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createDirectories(Path.of(args[0]));
        try (LxcDaemon d = new LxcDaemon(root)) {
            System.out.println("ready " + d.uri);
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the caller closes our stdin
            }
        }
        System.exit(0);
    }
}
