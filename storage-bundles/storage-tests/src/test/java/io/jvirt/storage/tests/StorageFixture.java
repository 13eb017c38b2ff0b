package io.jvirt.storage.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.osgi.framework.Constants;

import io.jvirt.api.Connect;
import io.jvirt.daemon.server.Limits;
import io.jvirt.daemon.server.Listener;
import io.jvirt.daemon.server.Server;
import io.jvirt.registry.testing.InProcessVirt;
import io.jvirt.storage.backend.StorageBackend;
import io.jvirt.storage.core.StorageConnectDriver;

/**
 * The storage driver as the platform runs it, without OSGi: its roots in a short temporary directory,
 * backends bound as DS would bind them, state initialized as the registry does, behind the real
 * registry connection ({@link InProcessVirt}) and, on demand, behind jvirtd on a unix socket for real
 * virsh.
 */
final class StorageFixture implements AutoCloseable {
    private static final AtomicLong IDS = new AtomicLong(100);

    final Path root;
    final StorageConnectDriver driver;
    final InProcessVirt virt;
    private Server server;
    private String socket;

    StorageFixture(Path root, Supplier<String> bootId, StorageBackend... backends) {
        this.root = root;
        this.driver = new StorageConnectDriver(root.resolve("system"), root.resolve("session"), 2000, bootId);
        for (StorageBackend b : backends) {
            add(b);
        }
        driver.initialize();
        this.virt = new InProcessVirt("storage:///system").add(driver, "storage", "storage", "storage");
    }

    static StorageFixture create(StorageBackend... backends) throws IOException {
        return new StorageFixture(tempDir("jvst"), () -> "boot-1", backends);
    }

    /** A short directory under /tmp (unix socket paths have at most 107 bytes). */
    static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), prefix);
    }

    void add(StorageBackend b) {
        String type = b.getClass().getSimpleName().replace("Backend", "").toLowerCase(java.util.Locale.ROOT);
        driver.addBackend(b, Map.of(StorageBackend.POOL_TYPE, type, Constants.SERVICE_ID, IDS.incrementAndGet()));
    }

    Connect open() {
        return virt.open("storage:///system");
    }

    /** jvirtd serving this driver; the URI virsh uses. */
    synchronized String serve() throws IOException {
        if (server == null) {
            server = new Server(virt, Limits.defaults());
            Listener l = Listener.unix(root.resolve("sock"), false, "rwx------");
            server.listen(l);
            socket = l.address();
        }
        return "storage+unix:///system?socket=" + socket;
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
        new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }
}
