package io.jvirt.driver.qemu;

import static io.jvirt.driver.qemu.QemuFixture.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Domain;
import io.jvirt.api.DomainCreateFlag;
import io.jvirt.api.DomainState;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.driver.qemu.process.ProcInfo;

/** Guests of real QEMU through the public API: states with reasons, events, live XML. */
class LifecycleTest {

    @Test
    void defineStartSuspendResumeDestroyUndefine() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            QemuFixture.Events ev = new QemuFixture.Events(q.conn);
            Domain d = q.conn.domainDefineXML(QemuFixture.diskless("life"));
            ev.expect("life:defined/added");
            assertEquals("shutoff (unknown)", d.getState().toString());
            assertFalse(d.isActive());
            assertTrue(d.isPersistent());

            d.create();
            ev.expect("life:resumed/unpaused", "life:started/booted");
            assertEquals("running (booted)", d.getState().toString());
            assertEquals(DomainState.RUNNING, d.getInfo().state());
            assertEquals(65536, d.getInfo().maxMemKiB());
            int id = d.getID();
            assertTrue(id > 0);
            assertEquals("life", q.conn.domainLookupByID(id).getName());
            String live = d.getXMLDesc();
            assertContains(live, "id='" + id + "'");
            assertContains(live, "<alias name='serial0'/>");
            assertContains(live, "<source path='/dev/pts/");
            assertContains(live, "tty='/dev/pts/");
            assertTrue(live.matches("(?s).*<graphics type='vnc' port='59\\d\\d'.*"), live);
            assertContains(live, "machine='pc-i440fx-");

            d.suspend();
            ev.expect("life:suspended/paused");
            assertEquals("paused (user)", d.getState().toString());
            d.resume();
            ev.expect("life:resumed/unpaused");
            assertEquals("running (unpaused)", d.getState().toString());

            long pid = q.driverPid("life");
            d.destroy();
            ev.expect("life:shutdown/host", "life:stopped/destroyed");
            assertEquals("shutoff (destroyed)", d.getState().toString());
            assertFalse(ProcInfo.of(pid).filter(ProcInfo::alive).isPresent(), "QEMU " + pid + " still runs");
            assertEquals(-1, d.getID());
            VirtException e = assertThrows(VirtException.class, d::suspend);
            assertEquals(ErrorCode.OPERATION_INVALID, e.code());

            d.undefine();
            ev.expect("life:undefined/removed");
            assertEquals(ErrorCode.NO_DOMAIN,
                    assertThrows(VirtException.class, () -> q.conn.domainLookupByName("life")).code());
        }
    }

    @Test
    void transientGuestStartedPausedGoesAwayWhenDestroyed() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            QemuFixture.Events ev = new QemuFixture.Events(q.conn);
            Domain d = q.conn.domainCreateXML(QemuFixture.diskless("tr"), DomainCreateFlag.START_PAUSED);
            ev.expect("tr:started/booted", "tr:suspended/paused");
            assertEquals("paused (user)", d.getState().toString());
            assertFalse(d.isPersistent());
            d.destroy();
            ev.expect("tr:shutdown/host", "tr:stopped/destroyed");
            assertEquals(ErrorCode.NO_DOMAIN,
                    assertThrows(VirtException.class, () -> q.conn.domainLookupByName("tr")).code());
        }
    }

    @Test
    void killedQemuIsCrashed() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            QemuFixture.Events ev = new QemuFixture.Events(q.conn);
            Domain d = q.conn.domainDefineXML(QemuFixture.diskless("crash"));
            d.create();
            ev.expect("crash:defined/added", "crash:resumed/unpaused", "crash:started/booted");
            long pid = q.driverPid("crash");
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -9 " + pid + " failed");
            ev.expect("crash:stopped/failed");
            assertEquals("shutoff (crashed)", d.getState().toString());
            assertFalse(d.isActive());
            d.create(); // and it starts again
            ev.expect("crash:resumed/unpaused", "crash:started/booted");
            d.destroy();
            ev.expect("crash:shutdown/host", "crash:stopped/destroyed");
        }
    }

    @Test
    void sigtermFromOutsideIsAHostShutdown() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            QemuFixture.Events ev = new QemuFixture.Events(q.conn);
            Domain d = q.conn.domainDefineXML(QemuFixture.diskless("term"));
            d.create();
            ev.expect("term:defined/added", "term:resumed/unpaused", "term:started/booted");
            long pid = q.driverPid("term");
            new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
            ev.expect("term:shutdown/host", "term:stopped/shutdown");
            assertEquals("shutoff (shutdown)", d.getState().toString());
        }
    }

    @Test
    void guestOutlivesItsDriverAndIsFoundAgain() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            Domain d = q.conn.domainDefineXML(QemuFixture.diskless("keep"));
            d.create();
            d.suspend();
            int id = d.getID();
            long pid = q.driverPid("keep");
            long started = ProcInfo.of(pid).orElseThrow().startTicks();
            String live = d.getXMLDesc();

            q.deactivate();
            assertTrue(ProcInfo.isAlive(pid, started), "QEMU " + pid + " died with its driver");

            q.open();
            Domain again = q.conn.domainLookupByName("keep");
            assertEquals(pid, q.driverPid("keep"), "reattached to another process");
            assertEquals(started, ProcInfo.of(pid).orElseThrow().startTicks(), "QEMU was restarted (uptime differs)");
            assertEquals(id, again.getID());
            assertEquals("paused (user)", again.getState().toString());
            assertEquals(live, again.getXMLDesc());
            QemuFixture.Events ev = new QemuFixture.Events(q.conn);
            again.resume(); // the monitor works again
            ev.expect("keep:resumed/unpaused");
            assertEquals("running (unpaused)", again.getState().toString());
            again.destroy();
            ev.expect("keep:shutdown/host", "keep:stopped/destroyed");
            assertFalse(ProcInfo.of(pid).filter(ProcInfo::alive).isPresent());
        }
    }

    @Test
    void guestThatDiedWhileNoDriverWatchedIsShutOff() throws Exception {
        try (QemuFixture q = new QemuFixture()) {
            Domain d = q.conn.domainDefineXML(QemuFixture.diskless("gone"));
            d.create();
            long pid = q.driverPid("gone");
            q.deactivate();
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
            while (ProcInfo.of(pid).filter(ProcInfo::alive).isPresent()) {
                Thread.sleep(5);
            }
            q.open();
            Domain again = q.conn.domainLookupByName("gone");
            assertFalse(again.isActive());
            assertEquals(DomainState.SHUTOFF, again.getState().state());
        }
    }
}
