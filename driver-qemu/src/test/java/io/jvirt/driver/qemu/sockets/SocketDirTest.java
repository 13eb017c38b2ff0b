package io.jvirt.driver.qemu.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.driver.qemu.util.AtomicFiles;

/** The short path of a deep directory: one link per directory, private, made again when lost, stale ones swept. */
class SocketDirTest {

    @Test
    void aDeepDirectoryGetsAShortPathThatServesSockets(@TempDir Path tmp) throws Exception {
        Path base = Files.createTempDirectory(Path.of("/tmp"), "jqs").resolve("links");
        try {
            Path deep = Files.createDirectories(tmp.resolve("d".repeat(100)).resolve("e".repeat(100)));
            SocketDir s = SocketDir.in(base, deep);
            Path link = s.path();
            assertEquals(base, link.getParent());
            assertTrue(link.getFileName().toString().matches("qemu-[0-9a-f]{16}"), link.toString());
            assertEquals(deep, Files.readSymbolicLink(link));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(base)));
            // a socket bound through the link lives in the deep directory and is reached through it
            Path sock = link.resolve("1b4e28ba-2fa1-11d2-883f-0016d3cca427.qmp");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(sock));
                assertTrue(Files.exists(deep.resolve(sock.getFileName()), LinkOption.NOFOLLOW_LINKS));
                try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
                    assertTrue(c.isConnected());
                }
            }
            // the same directory has the same link (another instance, a restart); another one its own
            assertEquals(link, SocketDir.in(base, deep).path());
            Path other = Files.createDirectories(tmp.resolve("other"));
            assertNotEquals(link, SocketDir.in(base, other).path());
            // a lost link is made again on use
            Files.delete(link);
            assertEquals(link, s.path());
            assertEquals(deep, Files.readSymbolicLink(link));
            // released: the link goes, the directory stays; releasing another directory's link does nothing
            s.release();
            assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
            assertTrue(Files.isDirectory(deep));
        } finally {
            AtomicFiles.deleteTree(base.getParent());
        }
    }

    @Test
    void staleLinksGoAndForeignEntriesAreRefused(@TempDir Path tmp) throws Exception {
        Path base = Files.createTempDirectory(Path.of("/tmp"), "jqs").resolve("links");
        try {
            Path gone = Files.createDirectories(tmp.resolve("gone"));
            Path stale = SocketDir.in(base, gone).path();
            Files.delete(gone); // its root was deleted while the link stayed
            Path live = Files.createDirectories(tmp.resolve("live"));
            Path kept = SocketDir.in(base, live).path();
            Path next = SocketDir.in(base, Files.createDirectories(tmp.resolve("next"))).path();
            assertFalse(Files.exists(stale, LinkOption.NOFOLLOW_LINKS), "the stale link stayed");
            assertTrue(Files.isSymbolicLink(kept) && Files.isSymbolicLink(next));

            // the name of a directory's link is taken by something else: refused, nothing replaced
            Path taken = Files.createDirectories(tmp.resolve("taken"));
            SocketDir t = SocketDir.in(base, taken);
            Path name = t.path();
            Files.delete(name);
            Files.createSymbolicLink(name, live);
            VirtException e = assertThrows(VirtException.class, t::path);
            assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
            assertEquals("internal error: cannot use " + name + " for the sockets of " + taken + ": it leads to " + live,
                    e.getMessage());
            t.release(); // not ours: stays
            assertEquals(live, Files.readSymbolicLink(name));
            Files.delete(name);
            Files.createDirectory(name);
            e = assertThrows(VirtException.class, t::path);
            assertEquals("internal error: cannot use " + name + " for the sockets of " + taken + ": it is no symbolic link",
                    e.getMessage());
            Files.delete(name);

            // a base another user owns is not used
            Path foreign = Files.createDirectories(tmp.resolve("foreign"));
            Files.setOwner(foreign, foreign.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
            e = assertThrows(VirtException.class, () -> SocketDir.in(foreign, live));
            assertEquals("internal error: cannot keep QEMU sockets in " + foreign + ": it is owned by nobody", e.getMessage());
        } finally {
            AtomicFiles.deleteTree(base.getParent());
        }
    }

    @Test
    void theDefaultBaseIsShortAndPrivate() {
        Path base = SocketDir.defaultBase();
        assertTrue(SocketDir.fits(base), base.toString());
        assertTrue(base.toString().equals("/run/jvirt") || base.getFileName().toString().startsWith("jvirt"), base.toString());
    }
}
