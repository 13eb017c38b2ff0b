package io.jvirt.driver.qemu;

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
import io.jvirt.driver.qemu.domain.QemuInstance;
import io.jvirt.driver.qemu.util.AtomicFiles;
import io.jvirt.registry.testing.InProcessVirt;

/**
 * Real QEMU behind the registry's real connections: a private {@code qemu:///embed} instance in a
 * temp directory (by default a short one; {@code DeepRootTest} uses one deeper than a socket
 * address). Names KVM or TCG in the output.
 */
final class QemuFixture implements AutoCloseable {
    static final Path EMULATOR = Path.of("/usr/bin/qemu-system-x86_64");
    static final boolean KVM = QemuInstance.kvmUsable();

    static {
        if (!Files.isExecutable(EMULATOR)) {
            fail(EMULATOR + " is missing: install Debian's qemu-system-x86 (scripts/ensure-deps.sh does)");
        }
        System.out.println("driver-qemu tests run guests with " + (KVM ? "KVM" : "TCG (no usable /dev/kvm)"));
    }

    final Path root;
    QemuDriver driver;
    Connect conn;

    QemuFixture() throws IOException {
        this(Files.createTempDirectory(Path.of("/tmp"), "jq"));
    }

    /** An instance whose root is {@code root} (made if missing, deleted at the end). */
    QemuFixture(Path root) throws IOException {
        this.root = Files.createDirectories(root);
        open();
    }

    /** A fresh driver component (as after a bundle update) and a connection through it. */
    void open() {
        driver = new QemuDriver(root.resolve("system"), root.resolve("session"), EMULATOR);
        conn = new InProcessVirt("qemu:///embed?root=" + root).add(driver, "qemu", "qemu").open(uri());
    }

    String uri() {
        return "qemu:///embed?root=" + root;
    }

    /** Closes the connection and deactivates the driver; guests keep running. */
    void deactivate() {
        conn.close();
        driver.deactivate();
    }

    /** The pid of a running guest's QEMU, from its status file (which must exist). */
    long driverPid(String name) throws IOException {
        Path status = root.resolve("run").resolve(name + ".json");
        return io.jvirt.driver.qemu.qmp.QmpClient.JSON.readTree(status.toFile()).path("pid").asLong();
    }

    /** The domain type that runs here: kvm when /dev/kvm is usable, else qemu (TCG). */
    static String type() {
        return KVM ? "kvm" : "qemu";
    }

    static String diskless(String name) {
        return "<domain type='" + type() + "'><name>" + name + "</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64' machine='pc'>hvm</type></os><features><acpi/></features>"
                + "<devices><serial type='pty'/><console type='pty'/><graphics type='vnc' autoport='yes'/>"
                + "<video><model type='vga'/></video></devices></domain>";
    }

    /** Lifecycle events as "type/detail" strings, e.g. {@code started/booted}. */
    static final class Events {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        private Path logs;

        Events(Connect c) {
            this(c, null);
        }

        /** With the guests' logs (QEMU output, QMP events) in failure messages. */
        Events(Connect c, Path root) {
            this(c, root, null);
        }

        /** Only the events of the domain named {@code only} (null: all), e.g. when earlier guests' events may still arrive. */
        Events(Connect c, Path root, String only) {
            this.logs = root == null ? null : root.resolve("log");
            c.domainEventRegisterAny(null, DomainEventId.LIFECYCLE, (dom, ev) -> {
                DomainEvent.Lifecycle l = (DomainEvent.Lifecycle) ev;
                if (only == null || only.equals(dom.getName())) {
                    queue.add(dom.getName() + ":" + l.type().name().toLowerCase() + "/" + l.type().detailName(l.detail()));
                }
            });
            c.domainEventRegisterAny(null, DomainEventId.REBOOT, (dom, ev) -> {
                if (only == null || only.equals(dom.getName())) {
                    queue.add(dom.getName() + ":reboot");
                }
            });
        }

        private String logs() {
            if (logs == null || !Files.isDirectory(logs)) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            try (var files = Files.list(logs)) {
                files.forEach(f -> sb.append("\n--- ").append(f).append('\n').append(read(f)));
            } catch (IOException e) {
                sb.append(e);
            }
            return sb.toString();
        }

        void expect(String... expected) throws InterruptedException {
            expectWithin(20, expected);
        }

        /** Each event within {@code seconds} of the previous one (a TCG boot on a busy machine is slow). */
        void expectWithin(long seconds, String... expected) throws InterruptedException {
            for (String e : expected) {
                String got = queue.poll(seconds, TimeUnit.SECONDS);
                if (!e.equals(got)) {
                    fail("expected event " + e + " but got " + got + " (then " + List.copyOf(queue) + ")" + logs());
                }
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
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
