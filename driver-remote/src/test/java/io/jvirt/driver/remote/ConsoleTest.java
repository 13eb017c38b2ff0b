package io.jvirt.driver.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Connect;
import io.jvirt.api.Domain;
import io.jvirt.api.DomainConsoleFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.Stream;
import io.jvirt.api.VirtException;
import io.jvirt.testsupport.TestGuest;
import io.jvirt.testsupport.Libvirtd;

/**
 * virDomainOpenConsole through the remote driver to a real libvirtd 9.0's QEMU driver, with the
 * booted test guest of scripts/test-guest (JVIRT-GUEST-UP on ttyS0, then a shell): the stream
 * carries the guest's output and our input, a second open is refused with libvirtd's error, FORCE
 * takes the console over (the first stream fails as libvirt's client reports it), and the stream
 * ends when the guest is destroyed.
 */
class ConsoleTest {
    static final io.jvirt.registry.testing.InProcessVirt CLIENT = Platform.client(Path.of("/nonexistent"));

    @Test
    void consoleOfABootedGuestThroughLibvirtd() throws Exception {
        TestGuest guest = TestGuest.build();
        String uri = "qemu+unix:///system?socket=" + Libvirtd.shared().socket();
        String xml = "<domain type='" + guest.type() + "'><name>remotecons</name><memory unit='MiB'>128</memory>"
                + "<vcpu>1</vcpu>" + guest.os() + "<features><acpi/></features><devices><serial type='pty'/><console type='pty'/>"
                + "<memballoon model='none'/></devices></domain>";
        try (Connect c = CLIENT.open(uri)) {
            Domain d = c.domainCreateXML(xml);
            try {
                Stream first = c.newStream();
                d.openConsole(null, first);
                VirtException busy = assertThrows(VirtException.class, () -> d.openConsole("serial0", c.newStream()));
                assertEquals(ErrorCode.OPERATION_FAILED, busy.code());
                assertEquals("operation failed: Active console session exists for this domain", busy.getMessage());
                Output out1 = new Output(first);
                out1.await("JVIRT-GUEST-UP", 180_000);
                send(first, "echo jvirt-$((6*7))\n");
                out1.await("jvirt-42\r\n", 60_000);

                Stream second = c.newStream();
                d.openConsole(null, second, DomainConsoleFlag.FORCE);
                assertEquals("stream had I/O failure", out1.end().getMessage());
                Output out2 = new Output(second);
                send(second, "echo jvirt-$((7*7))\n");
                out2.await("jvirt-49\r\n", 60_000);

                d.destroy();
                assertEquals(null, out2.end(), "the console ends cleanly when the guest stops");
                second.finish();
            } finally {
                try {
                    d.destroy();
                } catch (VirtException gone) {
                    // a transient domain is gone once destroyed
                }
            }
        }
    }

    private static void send(Stream s, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (int off = 0; off < b.length;) {
            off += s.send(b, off, b.length - off);
        }
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
                    fail("no '" + needle + "' on the console:\n" + text);
                }
                Thread.sleep(20);
            }
        }

        /** How the stream ended: null for a clean end, else its error. */
        VirtException end() throws Exception {
            return end.get(30, TimeUnit.SECONDS);
        }
    }
}
