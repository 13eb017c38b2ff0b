package io.jvirt.driver.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.api.ConnectUri;
import io.jvirt.api.ErrorCode;
import io.jvirt.api.VirtException;
import io.jvirt.spi.OpenResult;

/**
 * Which URIs the driver opens (libvirtd 9.0 answers {@code internal error: unexpected secret URI
 * path '/foo', try secret:///system} from VIR_FROM_NONE for a path it does not serve), what a
 * secret connection is as a connection (type {@code secret}, host and domain calls unsupported),
 * and the lock that keeps two processes off one root.
 */
class SecretUrisTest {
    private SecretFixture f;

    @BeforeEach
    void setUp() throws IOException {
        f = new SecretFixture();
    }

    @AfterEach
    void tearDown() throws IOException {
        f.close();
    }

    @Test
    void systemSessionAndEmbedOpenOtherPathsFail() {
        assertEquals("secret", f.system().connectGetType());
        f.open("secret:///session");
        f.open("secret:///embed?root=" + f.dir.resolve("e"));
        for (String path : new String[] { "/foo", "/", "/system/x" }) {
            VirtException e = assertThrows(VirtException.class, () -> f.open("secret://" + path));
            assertEquals("1 0 internal error: unexpected secret URI path '" + path + "', try secret:///system",
                    e.code().value() + " " + e.domain().value() + " " + e.getMessage());
        }
        assertThrows(VirtException.class, () -> f.open("secret:///embed"));
        assertEquals(OpenResult.Status.DECLINED, f.driver.open(ConnectUri.parse("qemu:///system"), null, 0).status());
    }

    @Test
    void aSecretConnectionHasNoHypervisor() {
        VirtException e = assertThrows(VirtException.class, () -> f.system().connectGetHostname());
        assertEquals("this function is not supported by the connection driver: virConnectGetHostname", e.getMessage());
        assertEquals(ErrorCode.NO_SUPPORT, e.code());
    }

    @Test
    void aRootHeldByAnotherProcessCannotBeOpened() throws Exception {
        Path root = f.dir.resolve("held");
        Path lock = root.resolve("secrets/driver.pid");
        Files.createDirectories(lock.getParent());
        // python's lockf is a POSIX record lock, the kind Java's FileChannel.tryLock takes
        Process holder = new ProcessBuilder("/usr/bin/python3", "-c", "import fcntl,sys,time\n"
                + "f=open(sys.argv[1],'a'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(30)",
                lock.toString()).redirectErrorStream(true).start();
        try {
            String line = new String(holder.getInputStream().readNBytes(7), StandardCharsets.UTF_8);
            assertEquals("locked\n", line, "the lock holder did not start (python3 missing?)");
            VirtException e = assertThrows(VirtException.class, () -> f.open("secret:///embed?root=" + root));
            assertEquals("Failed to acquire pid file '" + lock + "': Resource temporarily unavailable", e.getMessage());
            assertEquals(ErrorCode.SYSTEM_ERROR, e.code());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        f.open("secret:///embed?root=" + root);
        assertTrue(Files.readString(lock).matches("\\d+"), "the lock file holds the pid, as libvirt's driver.pid");
    }

    @Test
    void theStateLoadsTheSystemInstanceAndReportsARootItCannotTake() throws Exception {
        f.system().secretDefineXML("<secret><usage type='ceph'><name>loaded</name></usage></secret>", 0);
        f.restart();
        f.driver.initialize();
        Path lock = f.dir.resolve("system/secrets/driver.pid");
        f.restart();
        Process holder = new ProcessBuilder("/usr/bin/python3", "-c", "import fcntl,sys,time\n"
                + "f=open(sys.argv[1],'a'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(30)",
                lock.toString()).redirectErrorStream(true).start();
        try {
            assertEquals("locked\n", new String(holder.getInputStream().readNBytes(7), StandardCharsets.UTF_8));
            VirtException e = assertThrows(VirtException.class, f.driver::initialize);
            assertEquals("internal error: cannot initialize the secret driver's state: " + f.dir.resolve("system")
                    + ": Failed to acquire pid file '" + lock + "': Resource temporarily unavailable", e.getMessage());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        f.driver.initialize();
        assertEquals("loaded", f.system().connectListAllSecrets(0).get(0).usageId());
    }
}
