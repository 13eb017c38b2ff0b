package io.jvirt.driver.lxc;

import static io.jvirt.driver.lxc.LxcFixture.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Domain;
import io.jvirt.api.DomainInfo;
import io.jvirt.api.DomainState;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.ErrorDomain;
import io.jvirt.api.VirtException;
import io.jvirt.driver.lxc.util.ProcInfo;

/**
 * define, start, dominfo, dumpxml, destroy, undefine of a real container, with the lifecycle
 * events and what the host sees: init in namespaces of its own, the root file system bound, the
 * cgroup made and removed, the controller (whose pid is the domain id) gone after destroy.
 */
class LifecycleTest {

    @Test
    void defineStartDestroyUndefine() throws Exception {
        try (LxcFixture f = new LxcFixture()) {
            LxcFixture.Events ev = new LxcFixture.Events(f.conn);
            Domain d = f.conn.domainDefineXML(f.xml("c1"));
            ev.expect("c1:defined/added");
            assertEquals("shutoff", d.getState().toString().split(" ")[0]);
            String inactive = d.getXMLDesc();
            assertFalse(inactive.contains("<resource>"), "libvirt adds the partition at the first start");
            assertContains(inactive, "<target type='lxc' port='0'/>");
            assertContains(inactive, "<emulator>" + f.root.resolve("bin/jvirt-lxc") + "</emulator>");
            assertEquals(-1, d.getID());

            d.create();
            ev.expect("c1:started/booted");
            assertEquals("running (booted)", d.getState().toString());
            int id = d.getID();
            assertTrue(id > 0);
            assertEquals("c1", f.conn.domainLookupByID(id).getName());
            List<String> cmd = ProcInfo.cmdline(id);
            assertTrue(cmd.get(0).endsWith("jvirt-lxc"), "the domain id is the controller's pid: " + cmd);
            String live = d.getXMLDesc();
            assertContains(live, "<domain type='lxc' id='" + id + "'>");
            assertContains(live, "<alias name='console0'/>");
            assertContains(live, "tty='/dev/pts/");

            DomainInfo info = d.getInfo();
            assertEquals(DomainState.RUNNING, info.state());
            assertEquals(65536, info.maxMemKiB());
            assertTrue(info.memoryKiB() > 0 && info.memoryKiB() < 65536, "memory from the cgroup: " + info);
            assertEquals(1, info.nrVirtCpu());

            // init: busybox in namespaces of its own, on the bound root file system, in the container's cgroup
            long init = f.driver.instance(f.root).initPid(new io.jvirt.spi.DomainRef("c1", java.util.UUID.fromString(
                    d.getUUIDString()), id));
            assertEquals("/bin/busybox", Files.readSymbolicLink(Path.of("/proc/" + init + "/exe")).toString());
            for (String ns : List.of("pid", "mnt", "uts", "ipc")) {
                assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/" + ns)),
                        Files.readSymbolicLink(Path.of("/proc/" + init + "/ns/" + ns)), ns + " namespace shared with the host");
            }
            assertTrue(Files.exists(Path.of("/proc/" + init + "/root/bin/busybox")));
            assertFalse(Files.exists(Path.of("/proc/" + init + "/root/etc")), "the root is the fixture's, not the host's");
            assertTrue(Files.exists(Path.of("/proc/" + init + "/root/dev/pts/ptmx")));
            assertTrue(Files.exists(Path.of("/proc/" + init + "/root/dev/console")));
            String cgroup = Files.readString(Path.of("/proc/" + init + "/cgroup"));
            assertContains(cgroup, "/machine/" + LxcDriver.prefix(f.root) + "/c1.libvirt-lxc");
            Path memCg = Path.of("/sys/fs/cgroup/memory/machine", LxcDriver.prefix(f.root), "c1.libvirt-lxc");
            assertEquals(Long.toString(64L << 20), Files.readString(memCg.resolve("memory.limit_in_bytes")).trim());

            assertEquals(1, f.conn.listAllDomains().size());
            assertEquals(1, f.conn.numOfDomains());

            d.destroy();
            ev.expect("c1:stopped/destroyed");
            assertEquals("shutoff (destroyed)", d.getState().toString());
            assertEquals(-1, d.getID());
            assertContains(d.getXMLDesc(), "<partition>/machine</partition>");
            assertFalse(ProcInfo.of(id).filter(ProcInfo::alive).isPresent(), "the controller is still there");
            assertFalse(Files.exists(memCg), "the cgroup is left: " + memCg);
            assertFalse(Files.exists(f.root.resolve("run/c1.status")));

            d.undefine();
            ev.expect("c1:undefined/removed");
            assertTrue(f.conn.listAllDomains().isEmpty());
            f.deactivate();
            assertFalse(Files.exists(memCg.getParent()), "the instance's cgroup level is left: " + memCg.getParent());
            f.open();
        }
    }

    @Test
    void aStartThatFailsSaysWhyAndLeavesNothing() throws Exception {
        try (LxcFixture f = new LxcFixture()) {
            Domain d = f.conn.domainDefineXML(f.xml("bad").replace("<init>/bin/busybox</init>", "<init>/bin/nothing</init>"));
            VirtException e = assertThrows(VirtException.class, d::create);
            assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
            assertEquals(ErrorDomain.LXC, e.domain());
            assertEquals("internal error: guest failed to start: cannot execute /bin/nothing: No such file or directory",
                    e.getMessage());
            assertEquals("shutoff", d.getState().toString().split(" ")[0]);
            assertFalse(Files.exists(Path.of("/sys/fs/cgroup/memory/machine", LxcDriver.prefix(f.root), "bad.libvirt-lxc")));
            assertFalse(Files.exists(f.root.resolve("run/bad.status")));
            d.undefine();
        }
    }

    @Test
    void transientContainerGoesAwayWhenItStops() throws Exception {
        try (LxcFixture f = new LxcFixture()) {
            LxcFixture.Events ev = new LxcFixture.Events(f.conn);
            Domain d = f.conn.domainCreateXML(f.xml("t1"));
            ev.expect("t1:started/booted");
            assertFalse(d.isPersistent());
            d.destroy();
            ev.expect("t1:stopped/destroyed");
            VirtException e = assertThrows(VirtException.class, () -> f.conn.domainLookupByName("t1"));
            assertEquals(ErrorCode.NO_DOMAIN, e.code());
        }
    }

    @Test
    void suspendResumeAndShutdownByInit() throws Exception {
        try (LxcFixture f = new LxcFixture()) {
            LxcFixture.Events ev = new LxcFixture.Events(f.conn);
            // an init that ends on SIGTERM (a namespace's init only gets the signals it handles)
            Domain d = f.conn.domainDefineXML(f.xml("s2").replace("<initarg>sh</initarg>", "<initarg>sh</initarg>"
                    + "<initarg>-c</initarg><initarg>trap 'exit 0' TERM; while :; do busybox sleep 0.1; done</initarg>"));
            ev.expect("s2:defined/added");
            d.create();
            ev.expect("s2:started/booted");
            d.suspend();
            ev.expect("s2:suspended/paused");
            assertEquals("paused (user)", d.getState().toString());
            assertEquals(DomainState.PAUSED, d.getInfo().state());
            d.resume();
            ev.expect("s2:resumed/unpaused");
            assertEquals("running (unpaused)", d.getState().toString());
            d.shutdown();
            ev.expect("s2:stopped/shutdown");
            assertEquals("shutoff (shutdown)", d.getState().toString());
            VirtException e = assertThrows(VirtException.class, d::destroy);
            assertEquals(ErrorCode.OPERATION_INVALID, e.code());
            assertEquals("Requested operation is not valid: domain is not running", e.getMessage());
        }
    }
}
