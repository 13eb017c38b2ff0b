package io.jvirt.driver.lxc;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.jvirt.api.Connect;
import io.jvirt.api.DomainEvent;
import io.jvirt.api.DomainEventId;
import io.jvirt.driver.lxc.cgroup.Cgroups;
import io.jvirt.driver.lxc.util.AtomicFiles;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * Real containers behind the registry's real connections: a private {@code lxc:///embed}
 * instance in a short temp directory, and a root file system for the containers that holds only
 * the host's static busybox (bound read-only onto {@code /bin/busybox}). Every container gets its
 * own pid, mount, uts and ipc namespaces and a cgroup of its own under the instance's level.
 */
final class LxcFixture implements AutoCloseable {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    static {
        if (!Files.isExecutable(BUSYBOX)) {
            fail(BUSYBOX + " is missing: install Debian's busybox-static (scripts/ensure-deps.sh test does)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            fail("the LXC driver's tests make namespaces, mounts and cgroups: run them as root");
        }
    }

    final Path root;
    final Path rootfs;
    LxcDriver driver;
    Connect conn;

    LxcFixture() throws IOException {
        this(Files.createTempDirectory(Path.of("/tmp"), "jl"));
    }

    LxcFixture(Path root) throws IOException {
        this.root = Files.createDirectories(root);
        this.rootfs = Files.createDirectories(root.resolve("rootfs"));
        for (String d : List.of("bin", "tmp", "proc", "sys", "dev")) {
            Files.createDirectories(rootfs.resolve(d));
        }
        open();
    }

    /** A fresh driver component (as after a bundle update or a platform restart) and a connection through it. */
    void open() {
        driver = new LxcDriver(root.resolve("system"), Cgroups.host());
        conn = new InProcessVirt(uri()).add(driver, "lxc", "lxc").open(uri());
    }

    String uri() {
        return "lxc:///embed?root=" + root;
    }

    /** Closes the connection and deactivates the driver; containers keep running. */
    void deactivate() {
        conn.close();
        driver.deactivate();
    }

    /** A container running busybox {@code sh} on its console in the fixture's root file system; {@code extra} goes into {@code <domain>}. */
    String xml(String name, String extra) {
        return "<domain type='lxc'><name>" + name + "</name><memory unit='MiB'>64</memory>" + extra
                + "<os><type>exe</type><init>/bin/busybox</init><initarg>sh</initarg></os>"
                + "<devices><filesystem type='mount'><source dir='" + rootfs + "'/><target dir='/'/></filesystem>"
                + "<filesystem type='mount'><source dir='" + BUSYBOX + "'/><target dir='/bin/busybox'/><readonly/></filesystem>"
                + "<console type='pty'/></devices></domain>";
    }

    String xml(String name) {
        return xml(name, "");
    }

    /** Lifecycle events as "name:type/detail" strings, e.g. {@code c1:started/booted}. */
    static final class Events {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        Events(Connect c) {
            c.domainEventRegisterAny(null, DomainEventId.LIFECYCLE, (dom, ev) -> {
                DomainEvent.Lifecycle l = (DomainEvent.Lifecycle) ev;
                queue.add(dom.getName() + ":" + l.type().name().toLowerCase() + "/" + l.type().detailName(l.detail()));
            });
        }

        void expect(String... expected) throws InterruptedException {
            for (String e : expected) {
                String got = queue.poll(20, TimeUnit.SECONDS);
                if (!e.equals(got)) {
                    fail("expected event " + e + " but got " + got + " (then " + List.copyOf(queue) + ")");
                }
            }
        }
    }

    static void assertContains(String haystack, String needle) {
        assertTrue(haystack.contains(needle), "expected '" + needle + "' in:\n" + haystack);
    }

    @Override
    public void close() {
        try {
            if (conn != null) {
                for (var d : conn.listAllDomains()) {
                    if (d.isActive()) {
                        d.destroy();
                    }
                }
                conn.close();
            }
        } catch (RuntimeException e) {
            // best effort: the test already failed or passed
        } finally {
            driver.deactivate();
            AtomicFiles.deleteTree(root);
        }
    }
}
