package io.jvirt.driver.lxc;

import static io.jvirt.driver.lxc.LxcFixture.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.jvirt.api.Domain;
import io.jvirt.api.Stream;
import io.jvirt.driver.lxc.cgroup.Cgroups;
import io.jvirt.spi.DomainRef;

/**
 * {@code <memtune>} and {@code <cputune>} in the container's cgroup on this host's layout (v1
 * controllers of the hybrid hierarchy here, v2 elsewhere), and the memory limit enforced: a
 * process in the container that grows past it is killed, the container goes on.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CgroupLimitsTest {

    @Test
    void memoryLimitKillsTheProcessOverIt() throws Exception {
        try (LxcFixture f = new LxcFixture()) {
            Cgroups layout = Cgroups.host();
            System.out.println("cgroup layout: " + layout.describe());
            Domain d = f.conn.domainCreateXML(f.xml("m1", "<memtune><hard_limit unit='MiB'>32</hard_limit>"
                    + "<soft_limit unit='MiB'>16</soft_limit></memtune>"
                    + "<cputune><shares>512</shares><period>100000</period><quota>50000</quota></cputune>"));
            Cgroups.Group cg = f.driver.instance(f.root).cgroup(new DomainRef("m1", java.util.UUID.fromString(d.getUUIDString()), d.getID()));
            if (cg.v2()) {
                assertEquals(Long.toString(32L << 20), cg.read("memory", "memory.max"));
                assertEquals(Long.toString(16L << 20), cg.read("memory", "memory.high"));
                assertEquals("512", cg.read("cpu", "cpu.weight"));
                assertEquals("50000 100000", cg.read("cpu", "cpu.max"));
            } else {
                assertEquals(Long.toString(32L << 20), cg.read("memory", "memory.limit_in_bytes"));
                assertEquals(Long.toString(16L << 20), cg.read("memory", "memory.soft_limit_in_bytes"));
                assertEquals("512", cg.read("cpu", "cpu.shares"));
                assertEquals("100000", cg.read("cpu", "cpu.cfs_period_us"));
                assertEquals("50000", cg.read("cpu", "cpu.cfs_quota_us"));
            }

            Stream st = f.conn.newStream();
            d.openConsole(null, st);
            ConsoleIo io = new ConsoleIo(st);
            // a shell that keeps 100 MiB in a variable: over the limit, the kernel kills it (137 = 128 + SIGKILL)
            io.type("busybox sh -c 'x=$(busybox head -c 100m /dev/zero | busybox tr \"\\\\0\" a); echo survived'; echo r''c=$?");
            String out = io.await("rc=");
            io.type("echo do''ne");
            out = io.await("done");
            assertContains(out, "rc=137");
            assertTrue(!out.contains("survived\r\n"), out);
            if (!cg.v2()) {
                assertContains(cg.read("memory", "memory.oom_control"), "oom_kill ");
                assertTrue(!cg.read("memory", "memory.oom_control").contains("oom_kill 0"), cg.read("memory", "memory.oom_control"));
            }
            assertEquals("running (booted)", d.getState().toString(), "init survives: only the process over the limit is killed");
            st.finish();
        }
    }
}
