package io.jvirt.driver.lxc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Domain;
import io.jvirt.driver.lxc.util.ProcInfo;

/**
 * Containers outlive the platform: a driver deactivated (bundle update), a platform JVM killed
 * with {@code kill -9}, and one killed with its whole process group leave the container running;
 * the next driver reports the same state and id and watches it again (destroy, and the death of a
 * controller, give their events).
 */
class ReattachTest {

    @Test
    void survivesDeactivationOfTheDriver() throws Exception {
        try (LxcFixture f = new LxcFixture()) {
            Domain d = f.conn.domainDefineXML(f.xml("r1"));
            d.create();
            int id = d.getID();
            long ticks = ProcInfo.of(id).orElseThrow().startTicks();
            d.suspend();
            f.deactivate();
            assertTrue(ProcInfo.isAlive(id, ticks));

            f.open();
            d = f.conn.domainLookupByName("r1");
            assertEquals("paused (user)", d.getState().toString());
            assertEquals(id, d.getID());
            LxcFixture.Events ev = new LxcFixture.Events(f.conn);
            d.resume();
            ev.expect("r1:resumed/unpaused");
            assertEquals("running (unpaused)", d.getState().toString());
            d.destroy();
            ev.expect("r1:stopped/destroyed");
            assertFalse(ProcInfo.isAlive(id, ticks));
        }
    }

    @Test
    void survivesKillOfThePlatform() throws Exception {
        survives(false);
    }

    @Test
    void survivesKillOfThePlatformsProcessGroup() throws Exception {
        survives(true);
    }

    private static void survives(boolean group) throws Exception {
        try (LxcFixture f = new LxcFixture()) {
            f.conn.domainDefineXML(f.xml("s1"));
            f.deactivate(); // the other JVM owns the root until it dies
            List<String> cmd = new ArrayList<>();
            if (group) {
                cmd.add("setsid"); // its own process group, as a daemon's: the kill takes the launcher too
            }
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), ContainerStarter.class.getName(), f.root.toString(), "s1"));
            Process jvm = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String line;
            StringBuilder seen = new StringBuilder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream()))) {
                while ((line = out.readLine()) != null && !line.startsWith("started ")) {
                    seen.append(line).append('\n');
                }
            }
            assertTrue(line != null, "the other platform did not start its container:\n" + seen);
            int id = Integer.parseInt(line.substring(8));
            long ticks = ProcInfo.of(id).orElseThrow().startTicks();
            if (group) {
                assertEquals(0, new ProcessBuilder("kill", "-9", "--", "-" + jvm.pid()).start().waitFor());
            } else {
                jvm.destroyForcibly();
            }
            assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
            Thread.sleep(200);
            assertTrue(ProcInfo.isAlive(id, ticks), "the container's controller died with the platform");

            f.open();
            Domain d = f.conn.domainLookupByName("s1");
            assertEquals("running (booted)", d.getState().toString());
            assertEquals(id, d.getID());
            assertEquals(id, f.conn.domainLookupByID(id).getID());
            LxcFixture.Events ev = new LxcFixture.Events(f.conn);
            // the controller is no child of this JVM: its end is seen over the socket
            assertEquals(0, new ProcessBuilder("kill", "-9", Integer.toString(id)).start().waitFor());
            ev.expect("s1:stopped/failed");
            assertEquals("shutoff (crashed)", d.getState().toString());
            d.create();
            ev.expect("s1:started/booted");
        }
    }
}
