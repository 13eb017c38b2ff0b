package io.jvirt.driver.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.jvirt.api.Domain;
import io.jvirt.api.Stream;
import io.jvirt.driver.qemu.domain.QemuInstance;
import io.jvirt.driver.qemu.process.ProcInfo;
import io.jvirt.driver.qemu.util.AtomicFiles;

/**
 * An instance whose root is deeper than any unix socket address (107 bytes) can be: the probe, the
 * monitor and a channel socket are reached through the short path of {@code run/} (a link in a private
 * runtime directory), the guest is found again after a restart of its driver even when the link was
 * lost meanwhile, and nothing is left once it stops. Instances never share a link; stale links,
 * sockets and probe directories are cleaned.
 */
class DeepRootTest {
    private static final Pattern CHANNEL = Pattern.compile("<channel type='unix'>\\s*<source mode='bind' path='([^']+)'/>");

    private static Path deepRoot(Path top) {
        Path root = top.resolve("x".repeat(50)).resolve("y".repeat(50)).resolve("z".repeat(50)).resolve("qemu");
        assertTrue(root.toString().length() > 150, root.toString());
        return root;
    }

    @Test
    void probeStartMonitorChannelAndReattachAtADeepRoot() throws Exception {
        Path top = Files.createTempDirectory(Path.of("/tmp"), "jqdeep");
        try (QemuFixture q = new QemuFixture(deepRoot(top))) {
            // the instance exists: the emulator was probed at this root (a fresh cache), nothing left of the probe
            QemuInstance qi = q.driver.instance(q.root);
            try (var cache = Files.list(q.root.resolve("cache/capabilities"))) {
                assertEquals(1, cache.filter(f -> f.toString().endsWith(".json")).count(), "the probe's cache entry");
            }
            assertEquals(List.of(), runEntries(q.root));
            Path link = qi.layout().sockets().path();
            assertTrue(link.toString().length() < 40, link.toString());
            assertEquals(q.root.resolve("run"), Files.readSymbolicLink(link));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(link.getParent())));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(q.root.resolve("run"))));

            QemuFixture.Events ev = new QemuFixture.Events(q.conn, q.root);
            Domain d = q.conn.domainDefineXML(QemuFixture.diskless("deep").replace("</devices>",
                    "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel></devices>"));
            String uuid = d.getUUIDString();
            d.create();
            long pid = q.driverPid("deep");
            Path monitor = link.resolve(uuid + ".qmp");
            assertTrue(ProcInfo.cmdline(pid).stream().anyMatch(a -> a.contains(monitor.toString())),
                    "QEMU's command line does not name " + monitor + ": " + ProcInfo.cmdline(pid));
            // the sockets are files of the deep run/ directory
            assertTrue(isSocket(q.root.resolve("run").resolve(uuid + ".qmp")), "no monitor socket in run/");
            Path channel = channelPath(d.getXMLDesc());
            assertEquals(link.resolve(uuid + ".ch0"), channel);
            assertTrue(isSocket(q.root.resolve("run").resolve(uuid + ".ch0")), "no channel socket in run/");
            d.suspend(); // QMP stop
            ev.expect("deep:defined/added", "deep:resumed/unpaused", "deep:started/booted", "deep:suspended/paused");
            Stream agent = q.conn.newStream();
            d.openChannel("org.qemu.guest_agent.0", agent); // connects to the channel's socket
            agent.abort();

            // a driver restart, with the short link lost meanwhile (a cleaner of the runtime directory)
            q.deactivate();
            assertTrue(Files.isSymbolicLink(link), "the link went while a guest runs");
            Files.delete(link);
            q.open();
            Domain again = q.conn.domainLookupByName("deep");
            assertEquals(pid, q.driverPid("deep"));
            assertEquals("paused (user)", again.getState().toString());
            ev = new QemuFixture.Events(q.conn, q.root);
            again.resume(); // the monitor, reached through the link made again
            ev.expect("deep:resumed/unpaused");
            assertEquals(q.root.resolve("run"), Files.readSymbolicLink(link));
            Stream agent2 = q.conn.newStream();
            again.openChannel("org.qemu.guest_agent.0", agent2);
            agent2.abort();

            again.destroy();
            ev.expect("deep:shutdown/host", "deep:stopped/destroyed");
            assertFalse(ProcInfo.of(pid).filter(ProcInfo::alive).isPresent());
            assertEquals(List.of(), runEntries(q.root), "a stopped guest left files in run/");
            q.deactivate();
            assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS), "the link of an idle instance stayed");
            q.open(); // for the fixture's close
        } finally {
            AtomicFiles.deleteTree(top);
        }
    }

    @Test
    void instancesNeverShareALinkAndStaleEntriesGo() throws Exception {
        Path top = Files.createTempDirectory(Path.of("/tmp"), "jqdeep");
        try (QemuFixture q = new QemuFixture(deepRoot(top))) {
            Path embed = q.driver.instance(q.root).layout().sockets().path();
            Path system = q.driver.instance(q.root.resolve("system")).layout().sockets().path();
            Path session = q.driver.instance(q.root.resolve("session")).layout().sockets().path();
            Path other = q.driver.instance(top.resolve("other")).layout().sockets().path();
            assertEquals(4, java.util.Set.of(embed, system, session, other).size(), List.of(embed, system, session, other).toString());
            assertEquals(q.root.resolve("system/run"), Files.readSymbolicLink(system));
            assertEquals(q.root.resolve("session/run"), Files.readSymbolicLink(session));
            assertEquals(top.resolve("other/run"), Files.readSymbolicLink(other));

            // left by a platform that died: a link to a deleted root, a socket of a guest that is gone,
            // a probe interrupted long ago
            Path base = embed.getParent();
            Path gone = Files.createDirectories(top.resolve("gone/run"));
            Path dangling = Files.createSymbolicLink(base.resolve("qemu-00000000deadbeef"), gone);
            AtomicFiles.deleteTree(top.resolve("gone"));
            Path run = q.root.resolve("run");
            Path staleSocket = run.resolve(UUID.randomUUID() + ".qmp");
            try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                s.bind(UnixDomainSocketAddress.of(embed.resolve(staleSocket.getFileName())));
            }
            Path staleProbe = Files.createDirectory(run.resolve("probe123"));
            Files.setLastModifiedTime(staleProbe, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
            Path freshProbe = Files.createDirectory(run.resolve("probe456")); // another platform's probe, running
            assertTrue(isSocket(staleSocket));

            q.deactivate();
            q.open();
            q.conn.listAllDomains(); // the embed instance is made again
            assertFalse(Files.exists(dangling, java.nio.file.LinkOption.NOFOLLOW_LINKS), "the stale link stayed");
            assertFalse(Files.exists(staleSocket), "the stale socket stayed");
            assertFalse(Files.exists(staleProbe), "the stale probe directory stayed");
            assertTrue(Files.isDirectory(freshProbe), "a running probe's directory went");
            Files.delete(freshProbe);
            assertNotEquals(embed, system);
        } finally {
            AtomicFiles.deleteTree(top);
        }
    }

    private static Path channelPath(String xml) {
        Matcher m = CHANNEL.matcher(xml);
        assertTrue(m.find(), "no unix channel with a path in\n" + xml);
        return Path.of(m.group(1));
    }

    /** S_IFSOCK in the file's mode. */
    private static boolean isSocket(Path p) throws Exception {
        return Files.exists(p) && ((Integer) Files.getAttribute(p, "unix:mode") & 0170000) == 0140000;
    }

    /** What {@code run/} holds besides the instance's own autostarted marker (OncePerBoot), which no guest owns. */
    private static List<String> runEntries(Path root) throws Exception {
        try (var files = Files.list(root.resolve("run"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> !f.equals(io.jvirt.spi.OncePerBoot.MARKER))
                    .sorted().toList();
        }
    }
}
