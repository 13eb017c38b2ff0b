package io.jvirt.driver.lxc;

import static io.jvirt.driver.lxc.LxcFixture.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.jvirt.testsupport.Libvirtd;
import io.jvirt.testsupport.Virsh;

/**
 * Real virsh against jvirtd serving the LXC driver and against libvirtd 9.0's LXC driver (the
 * anchor, as it is on this host): {@code define}, {@code dominfo}, {@code list --all} and
 * {@code dumpxml} of the same container print the same but for the emulator (libvirt's
 * {@code libvirt_lxc}, here {@code jvirt-lxc}). {@code start}: libvirtd fails on this machine's
 * hybrid cgroup hierarchy (its error is asserted, as measured), jvirt starts the container and
 * {@code virsh list} and {@code dominfo} show it running.
 */
class VirshDifferentialTest {
    private static final String UUID = "6d2c3c6a-5f44-4d1b-9c43-1f7d2a7e0b11";

    @Test
    void sameOutputAsLibvirtd() throws Exception {
        Virsh.require();
        try (LxcFixture f = new LxcFixture(); LxcDaemon jd = new LxcDaemon(f.root.resolve("d")); Libvirtd ld = Libvirtd.start()) {
            String l = ld.uri("lxc", "system");
            String j = jd.uri;
            java.nio.file.Path xml = f.root.resolve("v1.xml");
            java.nio.file.Files.writeString(xml, f.xml("v1").replace("<name>v1</name>", "<name>v1</name><uuid>" + UUID + "</uuid>"));
            for (String u : new String[] {l, j}) {
                assertEquals("Domain 'v1' defined from " + xml + "\n\n", Virsh.merged(u, "define", xml.toString()));
            }
            for (String[] cmd : new String[][] {{"dominfo", "v1"}, {"list", "--all"}, {"dumpxml", "v1"}, {"domstate", "v1", "--reason"}}) {
                String expected = Virsh.merged(l, cmd).replace("/usr/lib/libvirt/libvirt_lxc", "EMULATOR");
                String got = Virsh.merged(j, cmd).replace(f.root.resolve("d/system/bin/jvirt-lxc").toString(), "EMULATOR");
                assertEquals(expected, got, "virsh " + String.join(" ", cmd));
            }
            // libvirtd 9.0 cannot start it here (measured); jvirt can
            assertContains(Virsh.merged(l, "start", "v1"), "error: internal error: guest failed to start: Failure in libvirt_lxc "
                    + "startup: Unable to create directory /sys/fs/cgroup/unified: No such file or directory");
            assertEquals("Domain 'v1' started\n\n", Virsh.merged(j, "start", "v1"));
            String list = Virsh.merged(j, "list");
            assertContains(list, " v1     running");
            String info = Virsh.merged(j, "dominfo", "v1");
            assertContains(info, "State:          running");
            assertContains(info, "CPU time:       ");
            assertEquals("running (booted)\n\n", Virsh.merged(j, "domstate", "v1", "--reason"));
            assertEquals("Domain 'v1' destroyed\n\n", Virsh.merged(j, "destroy", "v1"));
            assertEquals("shut off (destroyed)\n\n", Virsh.merged(j, "domstate", "v1", "--reason"));
        }
    }
}
