package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.TestGuest;
import io.jvirt.testsupport.Virsh;

/**
 * The lifecycle events of each way a guest stops, as libvirtd 9.0 sends them. A destroy is asked of
 * both, live: real {@code virsh event --all --loop} listening to jvirtd serving this driver and to
 * the anchor's libvirtd while virsh defines, starts, (suspends,) destroys and undefines the same
 * domain on each; the lines must be equal. libvirtd reports QEMU's SHUTDOWN event (SIGTERM makes QEMU
 * report a host request) before the stop: "Shutdown Finished after host request", then "Stopped
 * Destroyed", for a running, a paused and a crashed (on_crash preserve) guest alike. The other stops
 * were observed once with the same listener on the anchor's libvirtd and the booted test guest
 * (its console on a unix socket; the events after "Resumed Unpaused", "Started Booted"):
 * <pre>
 * ACPI shutdown (virsh shutdown)     Shutdown Finished after guest request, Stopped Shutdown   shut off (shutdown)
 * guest poweroff (poweroff -f typed  Shutdown Finished after guest request, Stopped Shutdown   shut off (shutdown)
 *   on the guest's console)
 * SIGTERM to QEMU from outside       Shutdown Finished after host request, Stopped Shutdown    shut off (shutdown)
 * kill -9 of QEMU                    Stopped Failed                                            shut off (crashed)
 * </pre>
 * The ACPI shutdown is {@code BootedGuestTest}'s, SIGTERM and kill -9 are {@code LifecycleTest}'s, the
 * crashed guest's destroy {@code PanicTest}'s; the guest's own poweroff is here.
 */
class StopEventsTest {
    /** A TCG boot takes seconds; on a machine shared by several builds it can take minutes. */
    private static final long BOOT_S = 180;
    private static final String NAME = "jqstop";
    private static QemuFixture jq;
    private static SystemDaemon jvirtd;
    private static String reference;

    @BeforeAll
    static void start() throws Exception {
        Virsh.require();
        jq = new QemuFixture();
        jvirtd = new SystemDaemon(jq);
        reference = Libvirtd.shared().uri("qemu", "system");
    }

    @AfterAll
    static void stop() throws Exception {
        if (reference != null) {
            Virsh.run(reference, "destroy", NAME);
            Virsh.run(reference, "undefine", NAME);
        }
        if (jvirtd != null) {
            jvirtd.close();
        }
        if (jq != null) {
            jq.close();
        }
    }

    @Test
    void destroyOfARunningGuestAsLibvirtd() throws Exception {
        assertSameEvents(List.of(List.of("start", NAME), List.of("destroy", NAME)));
    }

    @Test
    void destroyOfAPausedGuestAsLibvirtd() throws Exception {
        assertSameEvents(List.of(List.of("start", NAME, "--paused"), List.of("destroy", NAME)));
    }

    /** virsh defines the domain on both, runs {@code commands}, undefines it; both listeners must have seen the same. */
    private static void assertSameEvents(List<List<String>> commands) throws Exception {
        Path file = jq.root.resolve(NAME + ".xml");
        Files.writeString(file, "<domain type='" + QemuFixture.type() + "'><name>" + NAME + "</name>"
                + "<memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os>"
                + "</domain>");
        List<String> seen = new ArrayList<>();
        for (String uri : List.of(reference, jvirtd.uri)) {
            try (EventListener events = new EventListener(uri, jq.root.resolve("events-" + seen.size() + ".txt"))) {
                run(uri, "define", file.toString());
                for (List<String> c : commands) {
                    run(uri, c.toArray(String[]::new));
                }
                run(uri, "undefine", NAME);
                seen.add(String.join("\n", events.await("event 'lifecycle' for domain '" + NAME + "': Undefined Removed")));
            }
        }
        assertEquals(seen.get(0), seen.get(1), "virsh event --all --loop: libvirtd (first), jvirt (second)");
    }

    /** The test guest powers itself off ({@code poweroff -f} typed on its console): a guest shutdown. */
    @Test
    void guestPoweroffIsAGuestShutdown() throws Exception {
        TestGuest guest = TestGuest.build();
        System.out.println("StopEventsTest boots the test guest with " + guest.accelerator());
        Path console = jq.root.resolve("poweroff.sock");
        QemuFixture.Events ev = new QemuFixture.Events(jq.conn, jq.root, "poweroff");
        jq.conn.domainCreateXML("<domain type='" + guest.type() + "'><name>poweroff</name>"
                + "<memory unit='MiB'>128</memory><vcpu>1</vcpu>" + guest.os() + "<features><acpi/></features>"
                + "<devices><serial type='unix'><source mode='bind' path='" + console + "'/></serial>"
                + "<memballoon model='none'/></devices></domain>");
        ev.expect("poweroff:resumed/unpaused", "poweroff:started/booted");
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(console))) {
            awaitOnConsole(ch, "JVIRT-GUEST-UP");
            // the console's shell starts just after UP: type until the guest goes
            for (int i = 0; i < 10 && ev.queue.isEmpty(); i++) {
                try {
                    ch.write(ByteBuffer.wrap("poweroff -f\n".getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException e) {
                    break; // QEMU is gone: the events tell how
                }
                Thread.sleep(3_000);
            }
        }
        ev.expectWithin(BOOT_S, "poweroff:shutdown/guest", "poweroff:stopped/shutdown");
    }

    private static void awaitOnConsole(SocketChannel ch, String text) throws IOException {
        StringBuilder seen = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOOT_S);
        while (seen.indexOf(text) < 0) {
            if (System.nanoTime() > deadline) {
                fail("the test guest did not print " + text + " within " + BOOT_S + " s:\n" + seen);
            }
            buf.clear();
            if (ch.read(buf) < 0) {
                fail("the console closed before " + text + ":\n" + seen);
            }
            seen.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
        }
    }

    private static void run(String uri, String... args) throws Exception {
        Virsh.Result r = Virsh.run(uri, args);
        assertEquals(0, r.exit(), "virsh -c " + uri + " " + String.join(" ", args) + ": " + r.err());
    }

    /**
     * {@code virsh event --all --loop} on a URI, writing to a file; registered (its first event seen)
     * before the constructor returns: a sentinel domain is defined until its event shows, then undefined.
     */
    private static final class EventListener implements AutoCloseable {
        private final Process process;
        private final Path out;
        private final String uri;

        EventListener(String uri, Path out) throws Exception {
            this.uri = uri;
            this.out = out;
            process = new ProcessBuilder(Virsh.VIRSH.toString(), "-q", "-c", uri, "event", "--all", "--loop")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            Path sentinel = out.resolveSibling("sentinel.xml");
            Files.writeString(sentinel, "<domain type='qemu'><name>jqsentinel</name><memory unit='MiB'>64</memory>"
                    + "<vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(out).contains("'jqsentinel': Defined")) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    fail("virsh event --all --loop on " + uri + " saw nothing:\n" + Files.readString(out));
                }
                run(uri, "define", sentinel.toString());
                Thread.sleep(200);
                if (!Files.readString(out).contains("'jqsentinel': Defined")) {
                    run(uri, "undefine", "jqsentinel");
                }
            }
            run(uri, "undefine", "jqsentinel");
        }

        /** The lines about {@code NAME} once {@code last} arrived (bounded). */
        List<String> await(String last) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(out).contains(last)) {
                if (System.nanoTime() > deadline) {
                    fail("virsh event --all --loop on " + uri + " did not show " + last + ":\n" + Files.readString(out));
                }
                Thread.sleep(50);
            }
            return Files.readAllLines(out).stream().filter(l -> l.contains("'" + NAME + "'")).toList();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
