package io.jvirt.driver.qemu;

import static io.jvirt.driver.qemu.QemuFixture.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Domain;
import io.jvirt.api.DomainCreateFlag;
import io.jvirt.api.DomainModificationFlag;
import io.jvirt.api.DomainXMLFlag;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.testsupport.TestGuest;

/**
 * vCPU hotplug and unplug with the real test guest (scripts/test-guest): QEMU's vCPU threads, the
 * guest kernel's own view of its CPUs (typed on its console), libvirt's live XML and counts.
 */
class VcpuHotplugTest {
    private static final long GUEST_TIMEOUT_MS = 180_000;
    private static final DomainModificationFlag LIVE = DomainModificationFlag.LIVE;

    @Test
    void guestSeesPluggedVcpusAndEjectsThemOnUnplug() throws Exception {
        TestGuest guest = TestGuest.build();
        String type = guest.type();
        System.out.println("VcpuHotplugTest boots the test guest with " + guest.accelerator());
        try (QemuFixture q = new QemuFixture()) {
            Path console = q.root.resolve("console.sock");
            String xml = "<domain type='" + type + "'><name>cpus</name><memory unit='MiB'>128</memory>"
                    + "<vcpu current='1'>3</vcpu>" + guest.os() + "<features><acpi/></features><devices>"
                    + "<serial type='unix'><source mode='bind' path='" + console + "'/></serial>"
                    + "<memballoon model='none'/></devices></domain>";
            Domain d = q.conn.domainDefineXML(xml);
            d.create(DomainCreateFlag.START_PAUSED); // connect to the console before the guest prints anything
            try (Console c = new Console(console)) {
                d.resume();
                c.await("JVIRT-GUEST-UP");
                long pid = q.driverPid("cpus");
                assertEquals(1, LiveChangesTest.vcpuThreads(pid));

                d.setVcpus(3, LIVE);
                assertEquals(3, LiveChangesTest.vcpuThreads(pid));
                assertEquals(3, d.getVcpusFlags(LIVE));
                assertEquals(1, d.getVcpusFlags(DomainModificationFlag.CONFIG));
                assertEquals(3, d.getInfo().nrVirtCpu());
                assertContains(d.getXMLDesc(), "<vcpu placement='static'>3</vcpu>\n  <vcpus>\n"
                        + "    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n"
                        + "    <vcpu id='1' enabled='yes' hotpluggable='yes' order='2'/>\n"
                        + "    <vcpu id='2' enabled='yes' hotpluggable='yes' order='3'/>\n  </vcpus>\n");
                assertContains(d.getXMLDesc(DomainXMLFlag.INACTIVE), "<vcpu placement='static' current='1'>3</vcpu>\n  <os>");
                // the guest's ACPI must have taken the new CPUs before it can eject them
                c.type("while [ ! -e /sys/devices/system/cpu/cpu2 ]; do sleep 1; done; echo PRESENT-$(cat /sys/devices/system/cpu/present)");
                c.await("PRESENT-0-2");

                VirtException tooMany = assertThrows(VirtException.class, () -> d.setVcpus(4, LIVE));
                assertEquals(ErrorCode.INVALID_ARG, tooMany.code());
                assertEquals("invalid argument: requested vcpus is greater than max allowable vcpus for the live domain: 4 > 3",
                        tooMany.getMessage());

                // a paused guest cannot eject: libvirt's timeout; the vCPU leaves once the guest runs again
                d.suspend();
                VirtException timeout = assertThrows(VirtException.class, () -> d.setVcpus(2, LIVE));
                assertEquals(ErrorCode.OPERATION_TIMEOUT, timeout.code());
                assertEquals("Timed out during operation: vcpu unplug request timed out. Unplug result must be manually"
                        + " inspected in the domain", timeout.getMessage());
                assertEquals(3, d.getVcpusFlags(LIVE));
                d.resume();
                long deadline = System.currentTimeMillis() + GUEST_TIMEOUT_MS;
                while (d.getVcpusFlags(LIVE) != 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(2, d.getVcpusFlags(LIVE), "the guest did not eject the vCPU after resume");
                assertContains(d.getXMLDesc(), "<vcpu id='1' enabled='yes' hotpluggable='yes' order='2'/>\n"
                        + "    <vcpu id='2' enabled='no' hotpluggable='yes'/>\n");
                assertEquals(2, LiveChangesTest.vcpuThreads(pid));
                c.type("echo LEFT-$(cat /sys/devices/system/cpu/present)");
                c.await("LEFT-0-1\r");

                d.setVcpus(1, LIVE); // returns once the guest ejected it
                assertEquals(1, LiveChangesTest.vcpuThreads(pid));
                assertEquals(1, d.getVcpusFlags(LIVE));
                assertEquals(1, d.getInfo().nrVirtCpu());
                String live = d.getXMLDesc();
                assertContains(live, "<vcpu placement='static' current='1'>3</vcpu>\n  <vcpus>\n"
                        + "    <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>\n"
                        + "    <vcpu id='1' enabled='no' hotpluggable='yes'/>\n"
                        + "    <vcpu id='2' enabled='no' hotpluggable='yes'/>\n  </vcpus>\n");
                assertContains(Files.readString(q.root.resolve("run/cpus.json")), "current='1'>3</vcpu>");
                c.type("echo GONE-$(cat /sys/devices/system/cpu/present)");
                c.await("GONE-0\r");

                // at the count already: nothing to do, nothing changes. (No plug after an unplug here:
                // QEMU 7.2 under TCG segfaults on any CPU device_add once a CPU was unplugged.)
                d.setVcpus(1, LIVE);
                assertEquals(live, d.getXMLDesc());
            }
        }
    }

    /** The guest's first serial port over a unix socket: what it printed, and commands typed into its shell. */
    private static final class Console implements AutoCloseable {
        private final SocketChannel ch;
        private final StringBuffer out = new StringBuffer();
        private final Thread reader;

        Console(Path socket) throws IOException {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            reader = new Thread(() -> {
                ByteBuffer b = ByteBuffer.allocate(4096);
                try {
                    while (ch.read(b) >= 0) {
                        b.flip();
                        out.append(StandardCharsets.ISO_8859_1.decode(b));
                        b.clear();
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "guest-console");
            reader.setDaemon(true);
            reader.start();
        }

        void type(String line) throws IOException {
            ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }

        void await(String text) throws InterruptedException {
            long deadline = System.currentTimeMillis() + GUEST_TIMEOUT_MS;
            while (System.currentTimeMillis() < deadline) {
                if (out.indexOf(text) >= 0) {
                    return;
                }
                Thread.sleep(50);
            }
            fail("the guest did not print " + text + " within " + GUEST_TIMEOUT_MS / 1000 + " s; console:\n" + out);
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
