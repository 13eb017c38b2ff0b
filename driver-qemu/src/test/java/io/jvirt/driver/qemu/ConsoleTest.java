package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.jvirt.api.Domain;
import io.jvirt.api.DomainChannelFlag;
import io.jvirt.api.DomainConsoleFlag;
import io.jvirt.api.Stream;
import io.jvirt.api.VirtException;
import io.jvirt.testsupport.TestGuest;

/**
 * Consoles and channels of a booted test guest (scripts/test-guest prints JVIRT-GUEST-UP on ttyS0,
 * then runs a shell there): bytes both ways through the pty QEMU assigned, FORCE taking a console
 * over, the end of the stream when the guest stops, and libvirt's errors. The expected errors are
 * libvirtd 9.0's answers in the same situations (distribution's ConsoleIT compares the two daemons
 * side by side through libvirt-python).
 */
class ConsoleTest {
    private static final long BOOT_TIMEOUT_MS = 180_000;

    @Test
    void consoleAndChannelOfABootedGuest() throws Exception {
        TestGuest guest = TestGuest.build();
        System.out.println("ConsoleTest boots the test guest with " + guest.accelerator());
        try (QemuFixture q = new QemuFixture()) {
            String xml = "<domain type='" + guest.type() + "'><name>cons</name><memory unit='MiB'>128</memory>"
                    + "<vcpu>1</vcpu>" + guest.os() + "<features><acpi/></features><devices>"
                    + "<serial type='pty'/><console type='pty'/>"
                    + "<serial type='file'><source path='" + q.root.resolve("serial1.log") + "'/></serial>"
                    + "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>"
                    + "<channel type='pty'><target type='virtio' name='org.example.pty'/></channel>"
                    + "<memballoon model='none'/></devices></domain>";
            Domain d = q.conn.domainDefineXML(xml);
            expect("Requested operation is not valid: domain is not running",
                    () -> d.openConsole(null, q.conn.newStream()));
            expect("Requested operation is not valid: domain is not running",
                    () -> d.openChannel(null, q.conn.newStream()));
            d.create();

            expect("internal error: cannot find character device nosuch",
                    () -> d.openConsole("nosuch", q.conn.newStream()));
            expect("internal error: character device serial1 is not using a PTY",
                    () -> d.openConsole("serial1", q.conn.newStream()));
            expect("internal error: cannot find channel nosuch", () -> d.openChannel("nosuch", q.conn.newStream()));
            expect("internal error: channel channel1 is not using a UNIX socket",
                    () -> d.openChannel("channel1", q.conn.newStream()));

            Stream first = q.conn.newStream();
            d.openConsole(null, first, DomainConsoleFlag.SAFE);
            Output out1 = new Output(first);
            // serial0, console0 and the default console are one pty: each is taken
            for (String name : new String[] {null, "serial0", "console0"}) {
                expect("operation failed: Active console session exists for this domain",
                        () -> d.openConsole(name, q.conn.newStream()));
            }
            out1.await("JVIRT-GUEST-UP", BOOT_TIMEOUT_MS);
            send(first, "echo jvirt-$((6*7))\n");
            out1.await("jvirt-42\r\n", 30_000);

            // FORCE aborts the first stream, as libvirtd does, and the second one talks to the guest
            Stream second = q.conn.newStream();
            d.openConsole("serial0", second, DomainConsoleFlag.FORCE);
            VirtException gone = out1.failure();
            assertEquals("stream had I/O failure", gone.getMessage());
            assertThrows(VirtException.class, () -> send(first, "x"));
            Output out2 = new Output(second);
            send(second, "echo jvirt-$((7*7))\n");
            out2.await("jvirt-49\r\n", 30_000);

            // the guest agent's channel: QEMU's unix socket
            Stream agent = q.conn.newStream();
            d.openChannel("org.qemu.guest_agent.0", agent);
            expect("operation failed: Active channel stream exists for this domain",
                    () -> d.openChannel("channel0", q.conn.newStream()));
            Stream agent2 = q.conn.newStream();
            d.openChannel(null, agent2, DomainChannelFlag.FORCE);

            // the guest stops: the console stream ends and finishes cleanly
            d.destroy();
            out2.awaitEnd();
            second.finish();
            agent2.abort();
        }
    }

    @Test
    void guestsWithoutAPtyConsole() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            String bare = "<domain type='" + QemuFixture.type() + "'><name>%s</name><memory unit='MiB'>64</memory>"
                    + "<vcpu>1</vcpu><os><type arch='x86_64' machine='pc'>hvm</type></os><devices>%s"
                    + "<memballoon model='none'/></devices></domain>";
            Domain file = q.conn.domainCreateXML(String.format(bare, "file",
                    "<serial type='file'><source path='" + q.root.resolve("s.log") + "'/></serial>"));
            // the default console is console0 (the serial port's console), named so when it is not a pty
            expect("internal error: character device console0 is not using a PTY",
                    () -> file.openConsole(null, q.conn.newStream()));
            expect("internal error: character device console0 is not using a PTY",
                    () -> file.openConsole("console0", q.conn.newStream()));
            expect("internal error: character device serial0 is not using a PTY",
                    () -> file.openConsole("serial0", q.conn.newStream()));
            Domain none = q.conn.domainCreateXML(String.format(bare, "none", ""));
            expect("internal error: cannot find character device <null>", () -> none.openConsole(null, q.conn.newStream()));
            expect("internal error: cannot find channel <null>", () -> none.openChannel(null, q.conn.newStream()));
        }
    }

    /**
     * jvirtd under systemd leads its session: the console's pty must not become its controlling
     * terminal, or QEMU closing it at the guest's end would send the daemon SIGHUP (and shut it down).
     */
    @Test
    void aSessionLeaderSurvivesTheEndOfItsConsole() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            Process jvm = new ProcessBuilder("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ConsoleHolder.class.getName(), q.root.toString())
                    .redirectErrorStream(true).start();
            String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), out);
            assertEquals(0, jvm.exitValue(), out);
            assertTrue(out.contains("console open\n") && out.contains("survived\n"), out);
        }
    }

    private static void send(Stream s, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (int off = 0; off < b.length;) {
            off += s.send(b, off, b.length - off);
        }
    }

    private static void expect(String message, Executable call) {
        VirtException e = assertThrows(VirtException.class, call);
        assertEquals(message, e.getMessage());
    }

    /** What a stream yields, read by a thread of its own so that waits are bounded. */
    private static final class Output {
        private final StringBuffer text = new StringBuffer();
        private final CompletableFuture<VirtException> end = new CompletableFuture<>();

        Output(Stream s) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    for (int n; (n = s.recv(buf, 0, buf.length)) > 0;) {
                        text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                    end.complete(null);
                } catch (VirtException e) {
                    end.complete(e);
                }
            }, "console-reader");
            t.setDaemon(true);
            t.start();
        }

        void await(String needle, long timeoutMs) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            while (!text.toString().contains(needle)) {
                if (System.currentTimeMillis() > deadline || end.isDone()) {
                    fail("no '" + needle + "' on the console (" + (end.isDone() ? "stream ended" : "timed out")
                            + "):\n" + text);
                }
                Thread.sleep(20);
            }
        }

        VirtException failure() throws Exception {
            VirtException e = end.get(30, TimeUnit.SECONDS);
            if (e == null) {
                fail("the stream ended cleanly instead of failing");
            }
            return e;
        }

        void awaitEnd() throws Exception {
            VirtException e = end.get(30, TimeUnit.SECONDS);
            if (e != null) {
                throw e;
            }
        }
    }
}
